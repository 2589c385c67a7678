package org.stylepipe.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.cli.StylePipe;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.FlickerConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.stylizejob.StylizeJob;
import org.stylepipe.stylizejob.StylizeSummary;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The flicker stage on a real stylized clip: the stylize job (mosaic.onnx, 3 segments) then the
 * flicker job on its output, with real decode and DIS flow. The per-frame values do not depend on
 * the segment length or the cores.
 */
class FlickerJobIT extends SparkTestBase {
  private static final int FRAMES = 40;

  @TempDir static Path dir;
  private static Path clip;
  private static Path stylizeOutput;
  private static StylizeSummary stylized;

  @BeforeAll
  static void stylizeAClip() throws Exception {
    clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 96, FRAMES, 30, 10);
    stylizeOutput = dir.resolve("stylize");
    stylized =
        StylizeJob.run(
            StylizeConfig.from(
                OptionMap.fromArgs(
                    List.of(
                        "--input",
                        clip.toString(),
                        "--output",
                        stylizeOutput.toString(),
                        "--model",
                        TestModels.file("mosaic.onnx").toString(),
                        "--segment-seconds",
                        "0.5"))),
            spark);
    assertTrue(stylized.errors().isEmpty(), stylized.toText());
    System.out.println(stylized.toText());
  }

  @Test
  void theStylizedClipFlickersMoreThanItsInputWhateverTheSegmentsAndCores() throws Exception {
    WarpStats measured = stylized.flicker();
    assertNotNull(measured, stylized.toText());
    assertEquals(FRAMES - 1, measured.frames());
    assertTrue(measured.output() > 2 * measured.input(), measured.toString());
    assertTrue(stylized.toText().contains("flicker: " + measured), stylized.toText());

    FlickerSummary again = flicker(stylizeOutput, "0.5", "again");
    assertEquals(measured, again.result().overall(), "the same value on every run");
    FlickerSeries series = again.result().series().get(0);
    Path video = stylizeOutput.resolve("stylized/clip.mp4");
    for (String seconds : List.of("0.3", "10")) {
      FlickerSummary other = flicker(video, seconds, "segments-" + seconds);
      assertEquals(
          series,
          other.result().series().get(0),
          "per-frame values with segments of " + seconds + " s");
      assertEquals(measured, other.result().overall());
    }
    FlickerSummary oneCore = withSpark("local[1]", () -> flicker(stylizeOutput, "0.5", "one-core"));
    assertEquals(series, oneCore.result().series().get(0), "per-frame values on one core");
    System.out.printf(
        "E_warp of the stylized test clip (128x96, %d frames): %s%n", FRAMES, measured);
  }

  @Test
  void seamFramesAreMeasuredAndOnlyTheFirstFrameIsNot() throws Exception {
    FlickerSummary summary = flicker(stylizeOutput, "0.5", "seams");
    RecordingFlicker recording = summary.result().recordings().get(0);
    assertEquals(128, recording.width());
    assertEquals(FRAMES, recording.rows().size());
    for (FlickerRow row : recording.rows()) {
      assertEquals(row.frameIndex() > 0, row.measured(), "frame " + row.frameIndex());
    }
    assertEquals(2, recording.seams().frames(), "the first frames of segments 1 and 2");
    assertEquals(FRAMES - 3, recording.inside().frames());
    assertEquals(List.of(0, 1, 2), List.copyOf(recording.segments().keySet()));
    assertEquals(
        14,
        recording.segments().get(0).frames(),
        "segment 0 holds frames 0..14, the first without E_t");

    Path out = dir.resolve("flicker-seams");
    for (int segment = 0; segment < 3; segment++) {
      assertTrue(
          Files.isRegularFile(
              out.resolve(
                  String.format("flicker/recording_id=clip/segment-%05d.parquet", segment))));
    }
    Dataset<Row> rows = spark.read().parquet(out.resolve("flicker").toString());
    assertEquals(FRAMES, rows.count());
    assertEquals(
        1, rows.filter("e_input is null and e_output is null and mask_fraction is null").count());
    assertEquals(
        FRAMES, rows.filter("recording_id = 'clip'").select("frame_index").distinct().count());
    String json = Files.readString(out.resolve("_stylepipe/flicker-summary.json"));
    assertTrue(json.contains("\"e_warp_output\" : " + recording.overall().output()), json);
  }

  @Test
  void aMissingOrMismatchedStylizedVideoIsAnErrorAndTheOthersAreMeasured() throws Exception {
    Path other = TestVideos.constantRate(dir.resolve("other.mp4"), 128, 96, 20, 30, 10);
    Path longer = TestVideos.constantRate(dir.resolve("longer.mp4"), 128, 96, 30, 30, 10);
    Path mixed = dir.resolve("mixed");
    Files.createDirectories(mixed.resolve("stylized"));
    Files.copy(stylizeOutput.resolve("stylized/clip.mp4"), mixed.resolve("stylized/clip.mp4"));
    Files.copy(other, mixed.resolve("stylized/longer.mp4")); // 20 frames for a 30-frame recording
    Path out = dir.resolve("flicker-mixed");
    List<String> args =
        List.of(
            "--input",
            clip.toString(),
            "--input",
            other.toString(),
            "--input",
            longer.toString(),
            "--stylized",
            mixed.toString(),
            "--output",
            out.toString(),
            "--segment-seconds",
            "0.5");
    StringWriter log = new StringWriter();
    FlickerSummary summary =
        logged(log, () -> FlickerJob.run(FlickerConfig.from(OptionMap.fromArgs(args)), spark));
    System.out.println(summary.toText());

    assertEquals(3, summary.recordings());
    assertEquals(1, summary.result().recordings().size());
    assertEquals(
        stylized.flicker(), summary.result().overall(), "the good recording is measured as before");
    assertEquals(2, summary.errors().size(), summary.toText());
    ErrorRow missing = summary.errors().get(0);
    assertEquals("other", missing.recordingId());
    assertEquals(new org.apache.hadoop.fs.Path(other.toUri()).toString(), missing.source());
    assertEquals(
        "cannot measure flicker against the stylized video file:"
            + mixed.resolve("stylized/other.mp4")
            + ": it does not exist",
        missing.reason());
    ErrorRow mismatched = summary.errors().get(1);
    assertEquals("longer", mismatched.recordingId());
    assertTrue(
        mismatched.reason().endsWith("stylized/longer.mp4: it has 20 frames, the source 30"),
        mismatched.reason());
    assertFalse(Files.exists(out.resolve("flicker/recording_id=other")));
    assertTrue(
        Files.readString(out.resolve("_stylepipe/flicker-summary.json"))
            .contains("it does not exist"));

    String lines = log.toString();
    assertTrue(
        lines.contains("flicker clip: 3/3 segments, 40 frames, ")
            && lines.contains(" frames/s, done in "),
        lines);
  }

  @Test
  void aBadCommandLineIsRefusedBeforeSparkStarts() {
    assertEquals(
        StylePipe.USAGE, StylePipe.run(List.of("flicker", "--input", "a.mp4", "--output", "out")));
  }

  private static FlickerSummary flicker(Path stylizedVideos, String segmentSeconds, String name)
      throws Exception {
    Path out = dir.resolve("flicker-" + name);
    return FlickerJob.run(
        FlickerConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    clip.toString(),
                    "--stylized",
                    stylizedVideos.toString(),
                    "--output",
                    out.toString(),
                    "--segment-seconds",
                    segmentSeconds))),
        spark);
  }

  /** Runs {@code run} on a session with {@code master}, then goes back to the test session. */
  private static <T> T withSpark(String master, Callable<T> run) throws Exception {
    spark.stop();
    spark = localSpark(Map.of("spark.master", master));
    try {
      return run.call();
    } finally {
      spark.stop();
      spark = localSpark(Map.of());
    }
  }

  /** Runs {@code run} with stylepipe's log lines (INFO) copied to {@code log}. */
  private static <T> T logged(StringWriter log, Callable<T> run) throws Exception {
    LoggerContext logs = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = logs.getConfiguration().getRootLogger();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName("flicker-test")
            .setTarget(log)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c{1}: %m%n").build())
            .build();
    appender.start();
    root.addAppender(appender, Level.INFO, null);
    logs.updateLoggers();
    try {
      return run.call();
    } finally {
      root.removeAppender("flicker-test");
      logs.updateLoggers();
      appender.stop();
    }
  }
}
