package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.guides.FlowPreset;
import org.stylepipe.guides.GaussRenderer;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.MemoryFlows;
import org.stylepipe.guides.NoiseVariant;
import org.stylepipe.guides.PointSet;
import org.stylepipe.guides.PointTracks;
import org.stylepipe.guides.TrackAdvector;
import org.stylepipe.testing.BenchmarkClips;

/**
 * Few-shot stage throughput per core at 640x480, for two builds of the noise renderer in one run
 * ({@code jobs/benchmark-guides} runs this class in JVMs pinned to one CPU, alternately with the
 * baseline renderer first on the class path and with the current one). Not a test.
 *
 * <ul>
 *   <li>{@code run LABEL FRAMES WORK}: one round, appended to {@code WORK/results.tsv}: (1) flow
 *       alone, both DIS flows (MEDIUM) of every consecutive pair of the clip's frames, decoded
 *       beforehand; (2) the renderer alone, both default noise variants of every frame drawn from
 *       points tracked through those flows (a key every 50 frames, reach 1); (3) the dataset job
 *       with {@code --layout fewshot} on Spark local[1] (decode, masks, flows, frames, masks and
 *       flow files written, tracking, noise guides drawn and written), with the defaults and lean
 *       ({@code --mirror false --flow-files false}); the defaults' dataset is kept in {@code
 *       WORK/LABEL}.
 *   <li>{@code report FRAMES WORK BEFORE AFTER}: the fastest round of each measure and label, in
 *       frames/s, the ratio of AFTER to BEFORE, and how the two kept datasets' noise guides differ.
 * </ul>
 */
public final class FewShotBenchmark {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final int KEY_EVERY = 50;

  private FewShotBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("run")) {
      run(args[1], Integer.parseInt(args[2]), Path.of(args[3]).toAbsolutePath());
    } else if (args.length == 5 && args[0].equals("report")) {
      report(Integer.parseInt(args[1]), Path.of(args[2]), args[3], args[4]);
    } else {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: expected run LABEL FRAMES WORK or report FRAMES WORK BEFORE"
              + " AFTER");
    }
  }

  private static void run(String label, int frames, Path work) throws Exception {
    Files.createDirectories(work);
    Path clip = work.resolve("clip-" + frames + ".mp4");
    if (!Files.exists(clip)) {
      BenchmarkClips.firstFrames(Path.of("src/sample/gameplay.mp4"), clip, frames, WIDTH, HEIGHT);
    }
    List<Mat> decoded = decode(clip);
    System.out.printf(
        "%s: renderer from %s%n",
        label, GaussRenderer.class.getProtectionDomain().getCodeSource().getLocation());
    Map<String, Double> seconds = new LinkedHashMap<>();
    long started = System.nanoTime();
    MemoryFlows flows = MemoryFlows.of(decoded, FlowPreset.MEDIUM);
    seconds.put("flow alone (both DIS MEDIUM flows)", (System.nanoTime() - started) / 1e9);
    renderAlone(decoded.subList(0, Math.min(20, decoded.size())), flows); // JIT warm-up
    seconds.put("renderer alone (both default variants)", renderAlone(decoded, flows));
    Map<String, List<String>> setups = new LinkedHashMap<>();
    setups.put("defaults", List.of());
    setups.put("lean", List.of("--mirror", "false", "--flow-files", "false"));
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("fewshot-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()) {
      for (Map.Entry<String, List<String>> setup : setups.entrySet()) {
        boolean kept = setup.getValue().isEmpty();
        Path out = work.resolve(kept ? label : label + "-lean");
        deleteTree(out);
        List<String> options =
            new ArrayList<>(
                List.of(
                    "--input",
                    clip.toString(),
                    "--output",
                    out.toString(),
                    "--layout",
                    "fewshot",
                    "--size",
                    WIDTH + "x" + HEIGHT,
                    "--segment-seconds",
                    "3600",
                    "--keyframes",
                    "every:" + KEY_EVERY));
        options.addAll(setup.getValue());
        DatasetSummary summary =
            DatasetJob.run(DatasetConfig.from(OptionMap.fromArgs(options)), spark);
        double stage = summary.stageSeconds().values().stream().mapToDouble(d -> d).sum();
        seconds.put("few-shot stage, " + setup.getKey(), stage);
        summary
            .stageSeconds()
            .forEach((pass, s) -> seconds.put("  " + setup.getKey() + ": " + pass, s));
        if (!kept) {
          deleteTree(out);
        }
      }
    }
    StringBuilder lines = new StringBuilder();
    seconds.forEach(
        (measure, s) -> {
          lines.append(label).append('\t').append(measure).append('\t').append(s).append('\n');
          System.out.printf("%s: %s %.2f frames/s%n", label, measure.strip(), frames / s);
        });
    Files.writeString(
        work.resolve("results.tsv"),
        lines,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Seconds to draw both default variants of every frame, from tracks through {@code flows}. */
  private static double renderAlone(List<Mat> frames, MemoryFlows flows) throws IOException {
    List<Integer> keys = new ArrayList<>();
    for (int n = 1; n <= frames.size(); n += KEY_EVERY) {
      keys.add(n);
    }
    Map<Float, List<PointTracks>> byRadius = new LinkedHashMap<>();
    try (Mat mask = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(255))) {
      for (NoiseVariant variant : NoiseVariant.DEFAULTS) {
        List<PointTracks> tracks =
            byRadius.computeIfAbsent(variant.radius(), r -> new ArrayList<>());
        if (!tracks.isEmpty()) {
          continue;
        }
        for (int i = 0; i < keys.size(); i++) {
          PointSet points = PointSet.seed(mask, variant.radius(), 1, keys.get(i));
          tracks.add(
              TrackAdvector.track(
                  points, keys.get(i), KeySpan.of(keys, i, 1, 1, frames.size()), flows));
        }
      }
    }
    List<GaussRenderer> renderers = new ArrayList<>();
    for (NoiseVariant variant : NoiseVariant.DEFAULTS) {
      renderers.add(new GaussRenderer(WIDTH, HEIGHT, variant.sigma()));
    }
    long started = System.nanoTime();
    try (Mat image = new Mat()) {
      for (int n = 1; n <= frames.size(); n++) {
        for (int v = 0; v < renderers.size(); v++) {
          renderers.get(v).render(byRadius.get(NoiseVariant.DEFAULTS.get(v).radius()), n, image);
        }
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static void report(int frames, Path work, String before, String after)
      throws IOException {
    Map<String, Map<String, Double>> fastest = new LinkedHashMap<>();
    for (String line : Files.readAllLines(work.resolve("results.tsv"))) {
      String[] field = line.split("\t");
      fastest
          .computeIfAbsent(field[1], m -> new LinkedHashMap<>())
          .merge(field[0], Double.parseDouble(field[2]), Math::min);
    }
    System.out.printf(
        "%n%d frames of the bundled sample at %dx%d, one CPU, fastest round of each; the stage"
            + " with the defaults (mirrored sequence, flow files) and lean (--mirror false"
            + " --flow-files false)%n",
        frames, WIDTH, HEIGHT);
    System.out.printf("%-46s %10s %10s %8s%n", "frames/s per core", before, after, "ratio");
    fastest.forEach(
        (measure, byLabel) ->
            System.out.printf(
                "%-46s %10.2f %10.2f %7.2fx%n",
                measure,
                frames / byLabel.get(before),
                frames / byLabel.get(after),
                byLabel.get(before) / byLabel.get(after)));
    guideDifference(work.resolve(before), work.resolve(after));
  }

  /** How the noise guides of two datasets differ, byte by byte. */
  private static void guideDifference(Path before, Path after) throws IOException {
    List<Path> guides;
    try (Stream<Path> files = Files.walk(before)) {
      guides =
          files
              .filter(p -> p.getParent().getFileName().toString().startsWith("input_gdisko_gauss_"))
              .sorted()
              .toList();
    }
    long bytes = 0;
    long differing = 0;
    int largest = 0;
    for (Path guide : guides) {
      Path other = after.resolve(before.relativize(guide));
      try (Mat a = imread(guide.toString());
          Mat b = imread(other.toString())) {
        if (b.empty() || a.cols() != b.cols() || a.rows() != b.rows()) {
          throw new IllegalStateException("Cannot compare " + guide + ": " + other + " differs");
        }
        byte[] x = BenchmarkClips.bgr(a);
        byte[] y = BenchmarkClips.bgr(b);
        for (int i = 0; i < x.length; i++) {
          int d = Math.abs((x[i] & 0xff) - (y[i] & 0xff));
          largest = Math.max(largest, d);
          differing += d == 0 ? 0 : 1;
        }
        bytes += x.length;
      }
    }
    System.out.printf(
        "noise guides, %s against %s: %d images, %d of %d bytes differ (%.2g), by at most %d%n",
        after.getFileName(),
        before.getFileName(),
        guides.size(),
        differing,
        bytes,
        (double) differing / bytes,
        largest);
  }

  private static List<Mat> decode(Path clip) throws Exception {
    List<Mat> frames = new ArrayList<>();
    try (SegmentReader reader =
        new SegmentReader(
            clip.toString(), new Configuration(), BenchmarkClips.wholeRecording(), 0)) {
      DecodedFrame frame;
      while ((frame = reader.next()) != null) {
        frames.add(frame.image().clone());
      }
    }
    return frames;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }
}
