package org.stylepipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.S3Server;
import org.stylepipe.testing.TestVideos;

/**
 * A command-line run on s3a:// with known credentials (given as Spark properties, as {@code
 * jobs/stylepipe} passes them) prints and logs neither of them: stdout, stderr and every log event
 * at INFO and above are captured.
 */
class CredentialsNotPrintedIT {
  private static final String ACCESS_KEY = "AKIDSTYLEPIPE4TEST01";
  private static final String SECRET_KEY = "sEcReT/stylepipe+k3y/never-printed";

  @TempDir static Path dir;
  static S3Server s3;
  static String bucket;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start(ACCESS_KEY, SECRET_KEY);
    bucket = s3.createBucket("credcheck");
    Path video = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, 20, 25, 10);
    Configuration conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
    org.apache.hadoop.fs.Path target =
        new org.apache.hadoop.fs.Path("s3a://" + bucket + "/in/clip.mp4");
    target
        .getFileSystem(conf)
        .copyFromLocalFile(new org.apache.hadoop.fs.Path(video.toUri()), target);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void aJobOnS3NeverPrintsOrLogsTheCredentials() {
    Map<String, String> properties = new HashMap<>();
    s3.hadoopSettings().forEach((key, value) -> properties.put("spark.hadoop." + key, value));
    properties.put("spark.ui.enabled", "false");
    properties.put("spark.driver.host", "127.0.0.1");
    properties.put("spark.driver.bindAddress", "127.0.0.1");
    List<String> args =
        List.of(
            "dataset",
            "--master",
            "local[2]",
            "--input",
            "s3a://" + bucket + "/in/",
            "--input",
            "s3a://" + bucket + "/in/missing.mp4",
            "--output",
            "s3a://" + bucket + "/out",
            "--size",
            "64x48");
    int[] status = new int[1];
    String printed = capture(properties, () -> status[0] = StylePipe.run(args));

    assertEquals(StylePipe.COMPLETED_WITH_ERRORS, status[0], printed);
    assertTrue(
        printed.contains("Dataset job: inputs=") && printed.contains("20 frames decoded"), printed);
    assertFalse(printed.contains(SECRET_KEY), "secret key printed");
    assertFalse(printed.contains(ACCESS_KEY), "access key printed");
  }

  /**
   * Runs {@code run} with {@code properties} as system properties; returns its stdout, stderr and
   * log.
   */
  private static String capture(Map<String, String> properties, Runnable run) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    StringWriter logged = new StringWriter();
    LoggerContext logs = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = logs.getConfiguration().getRootLogger();
    Level rootLevel = root.getLevel();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName("capture")
            .setTarget(logged)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build())
            .build();
    appender.start();
    root.addAppender(appender, Level.INFO, null);
    root.setLevel(Level.INFO);
    logs.updateLoggers();
    properties.forEach(System::setProperty);
    PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    try {
      run.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
      properties.keySet().forEach(System::clearProperty);
      root.removeAppender("capture");
      root.setLevel(rootLevel);
      logs.updateLoggers();
      appender.stop();
    }
    String text = printed.toString(StandardCharsets.UTF_8) + logged;
    out.println(text);
    return text;
  }
}
