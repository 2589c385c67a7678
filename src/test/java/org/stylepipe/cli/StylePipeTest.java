package org.stylepipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.executor.Executor;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.TestVideos;

/** The command line as a user meets it: exit statuses, and errors that name the option or file. */
class StylePipeTest {
  @TempDir Path dir;

  private static String stderrOf(Runnable run) {
    PrintStream old = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setErr(old);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badCommandLinesExitWithUsageBeforeSparkStarts() {
    int[] status = new int[1];
    String err =
        stderrOf(
            () ->
                status[0] = StylePipe.run(List.of("dataset", "--input", "a.mp4", "--outptu", "x")));
    assertEquals(StylePipe.USAGE, status[0]);
    assertTrue(err.contains("[outptu]"), err);
    err = stderrOf(() -> status[0] = StylePipe.run(List.of("paint", "--input", "a")));
    assertEquals(StylePipe.USAGE, status[0]);
    assertTrue(err.contains("Cannot run job 'paint'"), err);
    err = stderrOf(() -> status[0] = StylePipe.run(List.of("train", "--input", "a")));
    assertEquals(StylePipe.USAGE, status[0]);
    assertTrue(err.contains("Cannot use options [input]"), err);
    assertEquals(StylePipe.USAGE, StylePipe.run(List.of()));
  }

  @Test
  void aStylizeRunWithAModelThatDoesNotLoadExitsWithUsageBeforeSparkStarts() throws Exception {
    Path model = Files.writeString(dir.resolve("notes.onnx"), "not a model");
    Path out = dir.resolve("out");
    int[] status = new int[1];
    String err =
        stderrOf(
            () ->
                status[0] =
                    StylePipe.run(
                        List.of(
                            "stylize",
                            "--input",
                            "a.mp4",
                            "--output",
                            out.toString(),
                            "--model",
                            model.toString())));
    assertEquals(StylePipe.USAGE, status[0]);
    assertTrue(err.contains("Cannot load model " + model), err);
    assertTrue(!Files.exists(out), "nothing written");
  }

  @Test
  void anEngineThatCannotRunTheModelIsRefusedNamingTheOptionWhoseValuesHelpLists() {
    Path model = TestModels.file("mosaic.pt");
    Path out = dir.resolve("out");
    int[] status = new int[1];
    String err =
        stderrOf(
            () ->
                status[0] =
                    StylePipe.run(
                        List.of(
                            "stylize",
                            "--input",
                            "a.mp4",
                            "--output",
                            out.toString(),
                            "--model",
                            model.toString(),
                            "--engine",
                            "onnxruntime")));
    assertEquals(StylePipe.USAGE, status[0]);
    assertTrue(
        err.contains(
            "Cannot run model "
                + model.toAbsolutePath().normalize()
                + " on --engine onnxruntime: it is a TorchScript model"),
        err);
    assertTrue(!Files.exists(out), "nothing written");

    PrintStream old = System.out;
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    System.setOut(new PrintStream(help, true, StandardCharsets.UTF_8));
    try {
      assertEquals(StylePipe.OK, StylePipe.run(List.of("--help")));
    } finally {
      System.setOut(old);
    }
    assertTrue(
        help.toString(StandardCharsets.UTF_8)
            .contains("--engine E              auto | pytorch | onnxruntime"),
        help.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRunWithOneMissingInputCompletesWithErrorsStatus() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("clip.mp4"), 96, 64, 30, 30, 15);
    Path out = dir.resolve("out");
    int status =
        StylePipe.run(
            List.of(
                "dataset",
                "--master",
                "local[2]",
                "--options-file",
                "conf/stylepipe.properties",
                "--input",
                video.toString(),
                "--input",
                dir.resolve("missing.mp4").toString(),
                "--output",
                out.toString(),
                "--size",
                "64x48"));
    assertEquals(StylePipe.COMPLETED_WITH_ERRORS, status);
    try (var files = Files.list(out.resolve("frames/clip/mirrored"))) {
      assertEquals(30, files.count());
    }
    String summary = Files.readString(out.resolve("_stylepipe/dataset-summary.json"));
    assertTrue(summary.contains("missing.mp4") && summary.contains("does not exist"), summary);
  }

  @Test
  void aBugWhileAJobRunsExitsWithFailureAndItsStackTrace() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, 10, 30, 10);
    Path out = dir.resolve("out");
    System.setProperty(FaultInjection.BUG, "clip/0");
    int[] status = new int[1];
    String err;
    try {
      err =
          stderrOf(
              () ->
                  status[0] =
                      StylePipe.run(
                          List.of(
                              "stylize",
                              "--master",
                              "local[1]",
                              "--input",
                              video.toString(),
                              "--output",
                              out.toString(),
                              "--model",
                              TestModels.file("mosaic.onnx").toString())));
    } finally {
      System.clearProperty(FaultInjection.BUG);
    }
    assertEquals(StylePipe.FAILED, status[0]);
    assertTrue(err.contains("java.lang.NullPointerException: injected bug in clip"), err);
    assertTrue(err.contains("at org.stylepipe.stylizejob.SegmentStylizer.process"), err);
    assertTrue(!Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void anErrorInTheDecodeThreadFailsItsTaskWithinSecondsWithTheCauseInTheLog() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, 10, 30, 10);
    Path out = dir.resolve("out");
    List<LogEvent> executorLog = new CopyOnWriteArrayList<>();
    AbstractAppender capture =
        new AbstractAppender("executor-log", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            executorLog.add(event.toImmutable());
          }
        };
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig logger = new LoggerConfig(Executor.class.getName(), Level.ERROR, true);
    logger.addAppender(capture, Level.ERROR, null);
    context.getConfiguration().addLogger(Executor.class.getName(), logger);
    context.updateLoggers();
    TaskEnds.ENDS.clear();
    System.setProperty(FaultInjection.DECODE_ERROR, "clip/0");
    System.setProperty("spark.extraListeners", TaskEnds.class.getName());
    int status;
    try {
      status =
          assertTimeoutPreemptively(
              Duration.ofMinutes(3),
              () ->
                  StylePipe.run(
                      List.of(
                          "stylize",
                          "--master",
                          "local[1]",
                          "--input",
                          video.toString(),
                          "--output",
                          out.toString(),
                          "--model",
                          TestModels.file("mosaic.onnx").toString())));
    } finally {
      System.clearProperty(FaultInjection.DECODE_ERROR);
      System.clearProperty("spark.extraListeners");
      context.getConfiguration().removeLogger(Executor.class.getName());
      context.updateLoggers();
    }

    assertEquals(StylePipe.FAILED, status);
    List<SparkListenerTaskEnd> failed =
        TaskEnds.ENDS.stream().filter(end -> end.taskInfo().failed()).toList();
    assertEquals(1, failed.size(), "failed tasks"); // local mode tries a task once
    long seconds = failed.get(0).taskInfo().duration() / 1000;
    assertTrue(seconds < 30, "the failed task ran " + seconds + " s");
    String cause =
        "Caused by: org.stylepipe.common.FaultInjection$InjectedFault: injected error in the decode"
            + " thread";
    String reason = ((TaskFailedReason) failed.get(0).reason()).toErrorString();
    assertTrue(reason.contains(cause), reason);
    assertTrue(
        executorLog.stream()
            .anyMatch(
                event ->
                    event.getMessage().getFormattedMessage().startsWith("Exception in task")
                        && hasCause(event.getThrown(), FaultInjection.InjectedFault.class)),
        "no executor log line with the decode thread's error");
    assertTrue(!Files.exists(out.resolve("_SUCCESS")));
  }

  private static boolean hasCause(Throwable thrown, Class<? extends Throwable> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Records every task's end; Spark creates it from {@code spark.extraListeners}. */
  public static final class TaskEnds extends SparkListener {
    static final List<SparkListenerTaskEnd> ENDS = new CopyOnWriteArrayList<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      ENDS.add(taskEnd);
    }
  }
}
