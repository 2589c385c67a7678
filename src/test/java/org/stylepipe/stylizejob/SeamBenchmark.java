package org.stylepipe.stylizejob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.TestModels;

/**
 * Flicker at the seams between the stylize job's segment videos, in one JVM on Spark local[2]: for
 * each clip, mosaic.onnx and the few-shot test generator with its noise guides, each stylized in
 * segments on the 2 s keyframe grid, in one piece, and in segments off the grid. Prints E_warp of
 * input and output at segment seams and inside segments (from the job's flicker summary), their
 * ratio, and whether the video cut on the grid is byte for byte the video of one piece. Not a test;
 * run it with {@code jobs/benchmark-seams}.
 */
public final class SeamBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static int runs;

  private SeamBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    String size = args[1];
    String offGridSeconds = args[2];
    List<Path> clips = Arrays.stream(args).skip(3).map(Path::of).toList();
    Path fewShot = work.resolve("fewshot_lighthouse.pt");
    Files.copy(TestModels.file("fewshot_lighthouse.pt"), fewShot);
    Files.writeString(
        work.resolve("fewshot_lighthouse.pt.model.properties"), "range=-1..1\ninput.channels=6\n");
    Map<String, List<String>> models = new LinkedHashMap<>();
    models.put("mosaic.onnx", List.of("--model", TestModels.file("mosaic.onnx").toString()));
    models.put(
        "fewshot_lighthouse.pt, noise guides",
        List.of("--model", fewShot.toString(), "--guide", "noise", "--noise", "r10_s10"));
    List<String> lines = new ArrayList<>();
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("seam-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()) {
      for (Path clip : clips) {
        String name = clip.getFileName().toString().replace(".mp4", "");
        boolean first = true;
        for (Map.Entry<String, List<String>> model : models.entrySet()) {
          Path grid = run(spark, work, clip, size, "2", model.getValue());
          Path whole = run(spark, work, clip, size, "3600", model.getValue());
          Path offGrid = run(spark, work, clip, size, offGridSeconds, model.getValue());
          JsonNode onGrid = flicker(grid);
          JsonNode off = flicker(offGrid);
          if (first) {
            lines.add(line(name + ": input, 2 s segments", onGrid, "input", ""));
            lines.add(line(name + ": input, " + offGridSeconds + " s segments", off, "input", ""));
            first = false;
          }
          boolean same =
              Arrays.equals(
                  Files.readAllBytes(grid.resolve("stylized/" + name + ".mp4")),
                  Files.readAllBytes(whole.resolve("stylized/" + name + ".mp4")));
          lines.add(
              line(
                  name + ": " + model.getKey() + ", 2 s segments",
                  onGrid,
                  "output",
                  "   = one piece: " + (same ? "yes, byte for byte" : "NO")));
          lines.add(
              line(
                  name + ": " + model.getKey() + ", " + offGridSeconds + " s segments",
                  off,
                  "output",
                  ""));
          System.out.println(
              String.join("\n", lines.subList(Math.max(0, lines.size() - 2), lines.size())));
        }
      }
    }
    System.out.printf(
        "%nat %s, Spark local[2], %d processors, default rate; E_warp at segment seams and inside"
            + " segments of 2 s (the keyframe grid) and of %s s; whether the video of 2 s segments"
            + " is the video stylized in one piece%n",
        size, Runtime.getRuntime().availableProcessors(), offGridSeconds);
    lines.forEach(System.out::println);
  }

  private static Path run(
      SparkSession spark,
      Path work,
      Path clip,
      String size,
      String segmentSeconds,
      List<String> model)
      throws Exception {
    Path out = work.resolve("run-" + runs++);
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
    options.addAll(model);
    StylizeJob.run(StylizeConfig.from(OptionMap.fromArgs(options)), spark);
    return out;
  }

  private static JsonNode flicker(Path out) throws Exception {
    return JSON.readTree(out.resolve("_stylepipe/flicker-summary.json").toFile());
  }

  private static String line(String what, JsonNode flicker, String side, String extra) {
    double seams = flicker.at("/seams/e_warp_" + side).asDouble();
    double inside = flicker.at("/inside_segments/e_warp_" + side).asDouble();
    return String.format(
        "%-66s E_warp %.5f   seams %.5f   inside %.5f   seams/inside %.2fx%s",
        what,
        flicker.at("/overall/e_warp_" + side).asDouble(),
        seams,
        inside,
        seams / inside,
        extra);
  }
}
