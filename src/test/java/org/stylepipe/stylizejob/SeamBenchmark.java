package org.stylepipe.stylizejob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.TestModels;

/**
 * Flicker at segment seams of the stylize job's videos, before and after constant-quality rate
 * control, in one JVM on Spark local[2]: for mosaic.onnx and the few-shot test generator with its
 * noise guides, each at a fixed 500 kbit/s (the old default at small sizes) and at the default
 * rate, E_warp of input and output at segment seams and inside segments (from the job's flicker
 * summary), their ratio, and the video's size. Not a test; run it with {@code
 * jobs/benchmark-seams}.
 */
public final class SeamBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SeamBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    String size = args[1];
    String segmentSeconds = args[2];
    Path clip = Path.of(args[3]);
    Path fewShot = work.resolve("fewshot_lighthouse.pt");
    Files.copy(TestModels.file("fewshot_lighthouse.pt"), fewShot);
    Files.writeString(
        work.resolve("fewshot_lighthouse.pt.model.properties"), "range=-1..1\ninput.channels=6\n");
    Map<String, List<String>> models = new LinkedHashMap<>();
    models.put("mosaic.onnx", List.of("--model", TestModels.file("mosaic.onnx").toString()));
    models.put(
        "fewshot_lighthouse.pt, noise guides",
        List.of("--model", fewShot.toString(), "--guide", "noise", "--noise", "r10_s10"));
    Map<String, List<String>> rates = new LinkedHashMap<>();
    rates.put("fixed 500 kbit/s (before)", List.of("--video-quality", "1", "--video-kbps", "500"));
    rates.put("default rate (after)", List.of());
    String name = clip.getFileName().toString().replace(".mp4", "");
    List<String> lines = new ArrayList<>();
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("seam-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()) {
      for (Map.Entry<String, List<String>> model : models.entrySet()) {
        for (Map.Entry<String, List<String>> rate : rates.entrySet()) {
          Path out = work.resolve("run-" + lines.size());
          List<String> options =
              new ArrayList<>(
                  List.of(
                      "--input",
                      clip.toString(),
                      "--output",
                      out.toString(),
                      "--size",
                      size,
                      "--segment-seconds",
                      segmentSeconds));
          options.addAll(model.getValue());
          options.addAll(rate.getValue());
          StylizeJob.run(StylizeConfig.from(OptionMap.fromArgs(options)), spark);
          JsonNode flicker = JSON.readTree(out.resolve("_stylepipe/flicker-summary.json").toFile());
          Path video = out.resolve("stylized/" + name + ".mp4");
          double seconds = seconds(video);
          if (lines.isEmpty()) {
            lines.add(line("input (the recording itself)", flicker, "input", ""));
          }
          lines.add(
              line(
                  model.getKey() + ", " + rate.getKey(),
                  flicker,
                  "output",
                  String.format(
                      "   %.2f MB/min (%.0f kbit/s)",
                      Files.size(video) / seconds * 60 / 1e6,
                      Files.size(video) * 8 / seconds / 1000)));
          System.out.println(lines.get(lines.size() - 1));
        }
      }
    }
    System.out.printf(
        "%n%s at %s, %s s segments, Spark local[2], %d processors; E_warp at segment seams and"
            + " inside segments, and the video's size (audio included)%n",
        name, size, segmentSeconds, Runtime.getRuntime().availableProcessors());
    lines.forEach(System.out::println);
  }

  private static double seconds(Path video) throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString())) {
      grabber.start();
      return grabber.getLengthInTime() / 1e6;
    }
  }

  private static String line(String what, JsonNode flicker, String side, String extra) {
    double seams = flicker.at("/seams/e_warp_" + side).asDouble();
    double inside = flicker.at("/inside_segments/e_warp_" + side).asDouble();
    return String.format(
        "%-58s E_warp %.5f   seams %.5f   inside %.5f   seams/inside %.2fx%s",
        what,
        flicker.at("/overall/e_warp_" + side).asDouble(),
        seams,
        inside,
        seams / inside,
        extra);
  }
}
