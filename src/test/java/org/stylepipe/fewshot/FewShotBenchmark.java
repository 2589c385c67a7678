package org.stylepipe.fewshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.guides.DisFlow;
import org.stylepipe.guides.FlowPreset;
import org.stylepipe.testing.BenchmarkClips;

/**
 * Few-shot stage throughput at 640x480 against optical flow alone, in one JVM (run pinned to one
 * CPU by {@code jobs/benchmark-guides}, so both are per core): (1) flow alone, both DIS flows
 * (MEDIUM) of every consecutive pair of the clip's frames, decoded beforehand; (2) the dataset job
 * with {@code --layout fewshot} on Spark local[1], which decodes, masks, computes both flows,
 * writes frames, masks and flow files, tracks the noise points and draws both default noise
 * variants, with the defaults (mirrored sequence, flow files) and lean ({@code --mirror false
 * --flow-files false}). Rounds alternate them and each keeps its fastest run. Not a test; run it
 * with {@code jobs/benchmark-guides [FRAMES] [ROUNDS]}.
 */
public final class FewShotBenchmark {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  private FewShotBenchmark() {}

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fewshot-bench");
    Path clip =
        BenchmarkClips.firstFrames(
            Path.of("src/sample/gameplay.mp4"), work.resolve("clip.mp4"), frames, WIDTH, HEIGHT);
    List<Mat> decoded = decode(clip);
    Map<String, List<String>> setups = new LinkedHashMap<>();
    setups.put("defaults (mirrored, flow files)", List.of());
    setups.put(
        "lean (--mirror false --flow-files false)",
        List.of("--mirror", "false", "--flow-files", "false"));
    double flowSeconds = Double.MAX_VALUE;
    Map<String, DatasetSummary> best = new LinkedHashMap<>();
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("fewshot-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()) {
      int run = 0;
      for (int round = 0; round < rounds; round++) {
        flowSeconds = Math.min(flowSeconds, flowAlone(decoded));
        for (Map.Entry<String, List<String>> setup : setups.entrySet()) {
          List<String> options =
              new ArrayList<>(
                  List.of(
                      "--input",
                      clip.toString(),
                      "--output",
                      work.resolve("out-" + run++).toString(),
                      "--layout",
                      "fewshot",
                      "--size",
                      WIDTH + "x" + HEIGHT,
                      "--segment-seconds",
                      "3600",
                      "--keyframes",
                      "every:50"));
          options.addAll(setup.getValue());
          DatasetSummary summary =
              DatasetJob.run(DatasetConfig.from(OptionMap.fromArgs(options)), spark);
          best.merge(setup.getKey(), summary, (a, b) -> stage(a) <= stage(b) ? a : b);
          System.out.printf(
              "round %d: flow alone %.1f s; %s: stage %.1f s%n",
              round + 1, flowSeconds, setup.getKey(), stage(summary));
        }
      }
    }
    System.out.printf(
        "%n%d frames of the bundled sample at %dx%d, %d processor(s) visible, local[1], fastest of %d"
            + " rounds%n",
        decoded.size(), WIDTH, HEIGHT, Runtime.getRuntime().availableProcessors(), rounds);
    System.out.printf(
        "flow alone (both DIS MEDIUM flows per frame): %.2f frames/s%n",
        decoded.size() / flowSeconds);
    for (Map.Entry<String, DatasetSummary> entry : best.entrySet()) {
      DatasetSummary summary = entry.getValue();
      StringBuilder passes = new StringBuilder();
      summary
          .stageSeconds()
          .forEach(
              (pass, seconds) ->
                  passes.append(
                      String.format("; %s %.2f frames/s", pass, decoded.size() / seconds)));
      System.out.printf(
          "few-shot stage, %s: %.2f frames/s = %.2f x flow alone (whole job %.2f frames/s)%s%n",
          entry.getKey(),
          decoded.size() / stage(summary),
          flowSeconds / stage(summary),
          decoded.size() / summary.wallSeconds(),
          passes);
    }
  }

  /** The stage's time: its passes, without probing and Spark's start. */
  private static double stage(DatasetSummary summary) {
    return summary.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double flowAlone(List<Mat> frames) {
    long started = System.nanoTime();
    try (DisFlow flow = new DisFlow(FlowPreset.MEDIUM)) {
      for (Mat frame : frames) {
        flow.next(frame);
      }
    }
    return (System.nanoTime() - started) / 1e9;
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
}
