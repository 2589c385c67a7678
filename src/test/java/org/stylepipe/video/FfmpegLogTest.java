package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg's own log lines reach the logger with the scope of the code that drives FFmpeg, and a
 * damaged file's flood of them is counted, not printed.
 */
class FfmpegLogTest {
  @Test
  void linesCarryTheirScopeAndAFloodGoesToDebugWithACount() {
    List<LogEvent> events = new ArrayList<>();
    AbstractAppender capture =
        new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            events.add(event.toImmutable());
          }
        };
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig logger = new LoggerConfig(FfmpegLog.class.getName(), Level.DEBUG, false);
    logger.addAppender(capture, Level.DEBUG, null);
    config.addLogger(FfmpegLog.class.getName(), logger);
    context.updateLoggers();
    try (FfmpegLog.Scope scope = FfmpegLog.scope("decode rec.mp4 segment 3")) {
      try (FfmpegLog.Entered entered = scope.enter()) {
        for (int i = 0; i < 10; i++) {
          avutil.av_log(null, avutil.AV_LOG_ERROR, "Invalid NAL unit size (" + i + ")\n");
        }
        avutil.av_log(null, avutil.AV_LOG_INFO, "an informational line\n");
      }
      avutil.av_log(null, avutil.AV_LOG_ERROR, "a line outside the scope\n");
      assertEquals(10, scope.lines());
    } finally {
      config.removeLogger(FfmpegLog.class.getName());
      context.updateLoggers();
    }
    List<String> scoped =
        events.stream()
            .map(e -> e.getLevel() + " " + e.getMessage().getFormattedMessage())
            .filter(line -> line.contains("decode rec.mp4 segment 3"))
            .toList();
    String prefix = "WARN FFmpeg, decode rec.mp4 segment 3: ";
    assertEquals(
        List.of(
            prefix + "Invalid NAL unit size (0)",
            prefix + "Invalid NAL unit size (1)",
            prefix + "Invalid NAL unit size (2)"),
        scoped.subList(0, 3));
    assertEquals(7, scoped.stream().filter(line -> line.startsWith("DEBUG")).count());
    assertEquals(
        prefix + "7 more lines (logger org.stylepipe.video.FfmpegLog at DEBUG shows them)",
        scoped.get(scoped.size() - 1));
    assertEquals(11, scoped.size());
    assertEquals(
        1,
        events.stream()
            .filter(
                e ->
                    e.getMessage()
                        .getFormattedMessage()
                        .equals("FFmpeg, an FFmpeg thread: a line outside the scope"))
            .count());
  }
}
