package org.stylepipe.train;

import ai.djl.inference.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.flicker.WarpingError;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.NpzReader;
import org.stylepipe.stylize.OnnxExport;
import org.stylepipe.stylize.StyleModel;
import org.stylepipe.testing.BenchmarkClips;

/**
 * A student against its teacher, in one JVM, at one size (720x540 unless given): frames/s of each
 * on the PyTorch engine ({@code .npz}, DJL blocks) and on ONNX Runtime ({@code .onnx}; a student's
 * is exported here), all processors per inference, batches of 4, rounds alternating the models and
 * each keeping its fastest run; then, on every frame of each clip, the students' PSNR against the
 * teacher's output and the warping error E_warp of the input, the teacher and each student, on one
 * flow and occlusion mask (the flicker job's measure). Not a test; run it with {@code
 * jobs/benchmark-student}.
 *
 * <p>Arguments: {@code TEACHER.npz TEACHER.onnx NAME=STUDENT.npz [NAME=STUDENT.npz...] --
 * CLIP[@FROM-TO] [CLIP[@FROM-TO]...]}, times in seconds; options {@code -Dsize=WxH}, {@code
 * -Dframes=N} (frames timed per model and round, from the first clip), {@code -Drounds=N}.
 */
public final class StudentBenchmark {
  private static final int BATCH = 4;

  private StudentBenchmark() {}

  /** A model under test on one engine. */
  private record Candidate(String name, String engine, Path file) {}

  public static void main(String[] args) throws Exception {
    int split = List.of(args).indexOf("--");
    if (split < 3) {
      throw new IllegalArgumentException(
          "usage: TEACHER.npz TEACHER.onnx NAME=STUDENT.npz [...] -- CLIP[@FROM-TO] [...]");
    }
    String[] size = System.getProperty("size", "720x540").split("x");
    int width = Integer.parseInt(size[0]);
    int height = Integer.parseInt(size[1]);
    int timed = Integer.getInteger("frames", 24);
    int rounds = Integer.getInteger("rounds", 2);
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "student-bench");

    List<Candidate> candidates = new ArrayList<>();
    candidates.add(new Candidate("teacher", "PyTorch", Path.of(args[0])));
    candidates.add(new Candidate("teacher", "ONNX Runtime", Path.of(args[1])));
    Map<String, Path> onnx = new LinkedHashMap<>();
    onnx.put("teacher", Path.of(args[1]));
    for (int i = 2; i < split; i++) {
      String[] named = args[i].split("=", 2);
      Path npz = Path.of(named[1]);
      Path exported = work.resolve(named[0] + ".onnx");
      Files.write(exported, OnnxExport.of(NpzReader.read(npz), "benchmark"));
      candidates.add(new Candidate(named[0], "PyTorch", npz));
      candidates.add(new Candidate(named[0], "ONNX Runtime", exported));
      onnx.put(named[0], exported);
    }
    List<String> clips = List.of(args).subList(split + 1, args.length);

    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d processors; %dx%d, batches of %d, %d frames per run, best of %d rounds%n",
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        width,
        height,
        BATCH,
        timed,
        rounds);
    List<byte[]> timing = decode(clips.get(0), width, height);
    timing = timing.subList(0, Math.min(timed, timing.size()));
    Map<Candidate, Double> fps = new LinkedHashMap<>();
    ModelOptions options = new ModelOptions("cpu", false, 0, 1);
    for (int round = 0; round < rounds; round++) {
      for (Candidate candidate : candidates) {
        try (StyleModel model = StyleModel.load(candidate.file(), options)) {
          double rate = framesPerSecond(model, timing, width, height);
          fps.merge(candidate, rate, Math::max);
        }
      }
    }
    System.out.println();
    System.out.println("| model | engine | frames/s | / teacher, same engine |");
    System.out.println("|---|---|---:|---:|");
    for (Candidate candidate : candidates) {
      double teacher =
          fps.get(
              new Candidate(
                  "teacher",
                  candidate.engine(),
                  candidates.stream()
                      .filter(
                          c -> c.name().equals("teacher") && c.engine().equals(candidate.engine()))
                      .findFirst()
                      .orElseThrow()
                      .file()));
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f | %.2f× |%n",
          candidate.name(),
          candidate.engine(),
          fps.get(candidate),
          fps.get(candidate) / teacher);
    }

    for (String clip : clips) {
      quality(clip, onnx, width, height);
    }
  }

  /** Frames/s of a model over {@code frames}, in batches, after one warm-up batch. */
  private static double framesPerSecond(
      StyleModel model, List<byte[]> frames, int width, int height) throws Exception {
    try (Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      predictor.predict(
          FrameBatch.of(width, height, frames.subList(0, Math.min(BATCH, frames.size()))));
      long started = System.nanoTime();
      for (int i = 0; i < frames.size(); i += BATCH) {
        predictor.predict(
            FrameBatch.of(width, height, frames.subList(i, Math.min(frames.size(), i + BATCH))));
      }
      return frames.size() / ((System.nanoTime() - started) / 1e9);
    }
  }

  /** PSNR against the teacher and E_warp of every model on every frame of a clip (ONNX Runtime). */
  private static void quality(String clip, Map<String, Path> onnx, int width, int height)
      throws Exception {
    List<byte[]> frames = decode(clip, width, height);
    List<String> names = new ArrayList<>(onnx.keySet());
    Map<String, StyleModel> models = new LinkedHashMap<>();
    ModelOptions options = new ModelOptions("cpu", false, 0, 1);
    double[] squared = new double[names.size()];
    double[] warping = new double[names.size() + 1];
    int measured = 0;
    try (WarpingError flicker = new WarpingError();
        Mat input = new Mat(height, width, opencv_core.CV_8UC3)) {
      for (String name : names) {
        models.put(name, StyleModel.load(onnx.get(name), options));
      }
      Map<String, Predictor<FrameBatch, FrameBatch>> predictors = new LinkedHashMap<>();
      models.forEach((name, model) -> predictors.put(name, model.newPredictor()));
      Mat[] judged = new Mat[names.size() + 1];
      for (int k = 0; k < judged.length; k++) {
        judged[k] = new Mat(height, width, opencv_core.CV_8UC3);
      }
      for (byte[] frame : frames) {
        input.data().put(frame);
        judged[0].data().put(frame);
        byte[] teacher = null;
        for (int k = 0; k < names.size(); k++) {
          byte[] out =
              predictors
                  .get(names.get(k))
                  .predict(FrameBatch.of(width, height, List.of(frame)))
                  .frames()
                  .get(0);
          if (k == 0) {
            teacher = out;
          }
          squared[k] += meanSquared(out, teacher);
          judged[k + 1].data().put(out);
        }
        double[] e = flicker.next(input, judged);
        if (!Double.isNaN(e[0])) {
          for (int k = 0; k < e.length; k++) {
            warping[k] += e[k];
          }
          measured++;
        }
      }
      predictors.values().forEach(Predictor::close);
      for (Mat m : judged) {
        m.close();
      }
    } finally {
      models.values().forEach(StyleModel::close);
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%s: %d frames at %dx%d, E_warp over %d frames%n",
        clip,
        frames.size(),
        width,
        height,
        measured);
    System.out.println("| | PSNR vs teacher, dB | E_warp | / teacher's E_warp |");
    System.out.println("|---|---:|---:|---:|");
    double teacherWarping = warping[1] / measured;
    System.out.printf(
        Locale.ROOT,
        "| input | | %.5f | %.3f |%n",
        warping[0] / measured,
        warping[0] / measured / teacherWarping);
    for (int k = 0; k < names.size(); k++) {
      double mse = squared[k] / frames.size();
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.5f | %.3f |%n",
          names.get(k),
          k == 0 ? "" : String.format(Locale.ROOT, "%.2f", 10 * Math.log10(255.0 * 255.0 / mse)),
          warping[k + 1] / measured,
          warping[k + 1] / measured / teacherWarping);
    }
  }

  private static double meanSquared(byte[] a, byte[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += d * d;
    }
    return sum / a.length;
  }

  /** The frames of {@code clip} ({@code PATH} or {@code PATH@FROM-TO}, seconds), stretched. */
  static List<byte[]> decode(String clip, int width, int height) throws IOException {
    String[] parts = clip.split("@", 2);
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    if (parts.length == 2) {
      String[] range = parts[1].split("-", 2);
      from = Math.round(Double.parseDouble(range[0]) * 1e6);
      to = Math.round(Double.parseDouble(range[1]) * 1e6);
    }
    List<byte[]> frames = new ArrayList<>();
    try (SegmentReader reader =
            new SegmentReader(parts[0], new Configuration(), BenchmarkClips.wholeRecording(), 0);
        FrameResizer resizer = new FrameResizer(width, height, ResizeMode.STRETCH)) {
      for (DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
        if (frame.ptsUs() >= from && frame.ptsUs() < to) {
          frames.add(BenchmarkClips.bgr(resizer.resize(frame.image())));
        }
      }
    }
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("Cannot benchmark on " + clip + ": no frames there");
    }
    return frames;
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown CPU");
  }
}
