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
import org.bytedeco.javacv.Frame;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.TestModels;

/**
 * Few-shot stylization with real noise guides against the same generator with a black guide and the
 * fast model, on each clip given, in one JVM on Spark local[2]: E_warp of input and output
 * (overall, at segment seams, inside segments, from the job's flicker summary), frames/s of the
 * whole job, and for the guided video whether it has every frame of the source at the source's time
 * and a sound track. Not a test; run it with {@code jobs/benchmark-fewshot-flicker}.
 */
public final class GuidedFlickerBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GuidedFlickerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    String size = args[1];
    String segmentSeconds = args[2];
    Path fewShot = work.resolve("fewshot_lighthouse.pt");
    Files.copy(TestModels.file("fewshot_lighthouse.pt"), fewShot);
    Files.writeString(
        work.resolve("fewshot_lighthouse.pt.model.properties"), "range=-1..1\ninput.channels=6\n");
    Map<String, List<String>> runs = new LinkedHashMap<>();
    runs.put(
        "fewshot_lighthouse.pt, noise guides",
        List.of("--model", fewShot.toString(), "--guide", "noise", "--noise", "r10_s10"));
    runs.put(
        "fewshot_lighthouse.pt, black guide",
        List.of("--model", fewShot.toString(), "--guide", "black"));
    runs.put("mosaic.pt", List.of("--model", TestModels.file("mosaic.pt").toString()));
    List<String> lines = new ArrayList<>();
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("fewshot-flicker-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()) {
      for (int c = 3; c < args.length; c++) {
        Path clip = Path.of(args[c]);
        String name = clip.getFileName().toString().replace(".mp4", "");
        boolean inputPrinted = false;
        Map<String, Double> warp = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> run : runs.entrySet()) {
          Path out = work.resolve(name + "-" + lines.size());
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
          options.addAll(run.getValue());
          StylizeSummary summary =
              StylizeJob.run(StylizeConfig.from(OptionMap.fromArgs(options)), spark);
          JsonNode flicker = JSON.readTree(out.resolve("_stylepipe/flicker-summary.json").toFile());
          if (!inputPrinted) {
            lines.add(
                String.format(
                    "%-18s %-36s E_warp %.5f   seams %.5f   inside %.5f",
                    name,
                    "input (the recording itself)",
                    flicker.at("/overall/e_warp_input").asDouble(),
                    flicker.at("/seams/e_warp_input").asDouble(),
                    flicker.at("/inside_segments/e_warp_input").asDouble()));
            inputPrinted = true;
          }
          if (!warp.containsKey("input")) {
            warp.put("input", flicker.at("/overall/e_warp_input").asDouble());
          }
          warp.put(run.getKey(), flicker.at("/overall/e_warp_output").asDouble());
          String check = "";
          if (run.getKey().contains("noise")) {
            check = "   " + sameFrames(clip, out.resolve("stylized/" + name + ".mp4"));
          }
          lines.add(
              String.format(
                  "%-18s %-36s E_warp %.5f   seams %.5f   inside %.5f   %.2f frames/s, %d errors%s",
                  name,
                  run.getKey(),
                  flicker.at("/overall/e_warp_output").asDouble(),
                  flicker.at("/seams/e_warp_output").asDouble(),
                  flicker.at("/inside_segments/e_warp_output").asDouble(),
                  summary.framesStylized() / summary.wallSeconds(),
                  summary.errors().size(),
                  check));
          System.out.println(lines.get(lines.size() - 1));
        }
        double guided = warp.get("fewshot_lighthouse.pt, noise guides");
        lines.add(
            String.format(
                "%-18s few-shot with noise guides: E_warp %.2fx mosaic's, %.2fx the black guide's,"
                    + " %.2fx the input's",
                name,
                guided / warp.get("mosaic.pt"),
                guided / warp.get("fewshot_lighthouse.pt, black guide"),
                guided / warp.get("input")));
      }
    }
    System.out.printf(
        "%nAt %s, %s s segments, Spark local[2], %d processors; frames/s of the whole job (guides"
            + " made by the job included)%n",
        size, segmentSeconds, Runtime.getRuntime().availableProcessors());
    lines.forEach(System.out::println);
  }

  /** Whether the stylized video has the source's frames at the source's times, and sound. */
  private static String sameFrames(Path source, Path stylized) throws Exception {
    List<Long> a = times(source);
    List<Long> b = times(stylized);
    boolean audio;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(stylized.toString())) {
      grabber.start();
      audio = grabber.getAudioStream() >= 0;
    }
    return String.format(
        "video: %d of %d frames, times %s, sound %s",
        b.size(), a.size(), a.equals(b) ? "equal" : "DIFFER", audio ? "copied" : "MISSING");
  }

  private static List<Long> times(Path video) throws Exception {
    List<Long> times = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString())) {
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        times.add(frame.timestamp);
      }
    }
    return times;
  }
}
