package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelLoader;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.ModelSpec;
import org.stylepipe.stylize.NpzReader;
import org.stylepipe.stylize.OnnxExport;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.BenchmarkClips;

/**
 * Stylize-job throughput on CPU against the bare model, per model format and engine ({@code .npz}
 * on PyTorch and on ONNX Runtime as its ONNX export, {@code .pt} on PyTorch, {@code .onnx} on ONNX
 * Runtime), in one JVM: the first N frames of the bundled sample at 720x540 go (1) through the
 * model's predictor alone, in batches, and (2) through the whole stylize job (Spark local[1],
 * decode thread, inference, H.264, join, manifest). Both use the same loaded model, the same
 * threads per inference (all processors unless given), the same batch size; rounds alternate the
 * two and each keeps its fastest run. Inside the task it also gives the time beside inference. Not
 * a test; run it with {@code jobs/benchmark-stylize [FRAMES] [BATCH] [ROUNDS] [THREADS]}.
 */
public final class StylizeBenchmark {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 540;

  /** A model file and the engine ({@code --engine}) that runs it, as the job runs them. */
  private record Variant(String label, String model, String engine) {}

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant("npz PyTorch", "mosaic.npz", "pytorch"),
          new Variant("npz ORT", "mosaic.npz", "onnxruntime"),
          new Variant("pt PyTorch", "mosaic.pt", "pytorch"),
          new Variant("onnx ORT", "mosaic.onnx", "onnxruntime"));

  private static final String BASELINE = "onnx ORT";

  private StylizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stylize-bench");
    Path clip =
        BenchmarkClips.firstFrames(
            Path.of("src/sample/gameplay.mp4"), work.resolve("clip.mp4"), frames, WIDTH, HEIGHT);
    List<byte[]> pixels = decode(clip);
    ModelOptions options = new ModelOptions("cpu", false, threads, 1);
    Path npzExport =
        Files.write(
            work.resolve("mosaic-npz.onnx"),
            OnnxExport.of(NpzReader.read(TestModels.file("mosaic.npz")), "benchmark"));
    Map<String, Double> bare = new LinkedHashMap<>();
    Map<String, StylizeSummary> best = new LinkedHashMap<>();
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("stylize-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            .getOrCreate()) {
      // Rounds alternate the bare pass and the job, and each keeps its fastest run: other processes
      // on a shared machine slow single runs down, never speed them up. Each job writes a fresh
      // output, since a rerun into the same one would resume it and stylize nothing.
      for (int round = 0; round < rounds; round++) {
        for (Variant variant : VARIANTS) {
          String name = variant.label();
          Path model = TestModels.file(variant.model());
          Path loaded =
              variant.model().endsWith(".npz") && variant.engine().equals("onnxruntime")
                  ? npzExport
                  : model;
          ModelLoader loader = new ModelLoader(loaded, ModelSpec.forModel(loaded), options);
          double seconds = bare(loader, pixels, batch);
          bare.merge(name, seconds, Math::min);
          StylizeSummary job =
              StylizeJob.run(
                  StylizeJobIT.config(
                      clip,
                      work.resolve("out-" + variant.model() + "-" + variant.engine() + round),
                      model,
                      "--engine",
                      variant.engine(),
                      "--batch-size",
                      String.valueOf(batch),
                      "--model-threads",
                      String.valueOf(threads),
                      "--segment-seconds",
                      "3600",
                      "--flicker",
                      "false"),
                  spark);
          if (job.framesStylized() != frames) {
            throw new IllegalStateException(
                "The stylize job stylized " + job.framesStylized() + " of " + frames + " frames");
          }
          best.merge(name, job, (a, b) -> a.stylizeSeconds() <= b.stylizeSeconds() ? a : b);
          System.out.printf(
              "round %d %-12s bare %.1f s, stylize stage %.1f s (the job ran %s on %s)%n",
              round + 1, name, seconds, job.stylizeSeconds(), variant.model(), job.engine());
        }
      }
    }
    System.out.printf(
        "%n%d frames of %dx%d, batch %d, %d processors (%s), local[1], %d threads per inference,"
            + " fastest of %d rounds%n",
        frames,
        WIDTH,
        HEIGHT,
        batch,
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        options.intraOpThreadCount(),
        rounds);
    double onnxBare = bare.get(BASELINE);
    double onnxStage = best.get(BASELINE).stylizeSeconds();
    List<String> names = VARIANTS.stream().map(Variant::label).toList();
    for (String name : names) {
      System.out.printf(
          "%-12s bare forward %.3f fps, %.2fx the time of ONNX Runtime's | stylize stage %.3f fps,"
              + " %.2fx ONNX Runtime's%n",
          name,
          frames / bare.get(name),
          bare.get(name) / onnxBare,
          frames / best.get(name).stylizeSeconds(),
          best.get(name).stylizeSeconds() / onnxStage);
    }
    for (String name : names) {
      double b = bare.get(name);
      StylizeSummary job = best.get(name);
      double stage = job.stylizeSeconds();
      double beside = job.taskSeconds() - job.inferSeconds();
      System.out.printf(
          "%-12s bare forward %.3f fps (%.1f s) | stylize stage %.3f fps (%.1f s), overhead %+.1f%% |"
              + " whole job %.3f fps (%.1f s) | in the task: inference %.1f s, beside it %.2f s (%.1f%%: writing"
              + " %.2f s, waiting for frames %.2f s); decoding %.2f s on its own thread%n",
          name,
          frames / b,
          b,
          frames / stage,
          stage,
          100 * (stage / b - 1),
          frames / job.wallSeconds(),
          job.wallSeconds(),
          job.inferSeconds(),
          beside,
          100 * beside / job.inferSeconds(),
          job.writeSeconds(),
          job.waitSeconds(),
          job.decodeSeconds());
    }
  }

  /** The CPU's model name, as lscpu gives it. */
  private static String cpuModel() throws java.io.IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown CPU");
  }

  /** Seconds the predictor alone takes for the frames, after one untimed batch. */
  private static double bare(ModelLoader loader, List<byte[]> pixels, int batch) throws Exception {
    try (Predictor<FrameBatch, FrameBatch> predictor = loader.newPredictor()) {
      predictor.predict(FrameBatch.of(WIDTH, HEIGHT, pixels.subList(0, batch)));
      long start = System.nanoTime();
      for (int i = 0; i < pixels.size(); i += batch) {
        predictor.predict(
            FrameBatch.of(WIDTH, HEIGHT, pixels.subList(i, Math.min(pixels.size(), i + batch))));
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static List<byte[]> decode(Path clip) throws Exception {
    List<byte[]> pixels = new ArrayList<>();
    try (SegmentReader reader =
        new SegmentReader(
            clip.toString(), new Configuration(), BenchmarkClips.wholeRecording(), 0)) {
      DecodedFrame frame;
      while ((frame = reader.next()) != null) {
        pixels.add(FrameFeed.bgr(frame.image()));
      }
    }
    return pixels;
  }
}
