package org.stylepipe.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.S3Server;

/** The driver-side storage check against a real S3 server: fast, clear failures naming the URI. */
class StoragePreflightIT {
  /** Well under S3A's default retries (minutes), with room for a slow machine. */
  private static final long FAST_MS = 15_000;

  @TempDir static java.nio.file.Path dir;
  static S3Server s3;
  static String bucket;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
    bucket = s3.createBucket("preflight");
    Path recording = new Path("s3a://" + bucket + "/in/a.mp4");
    try (OutputStream out = recording.getFileSystem(conf()).create(recording)) {
      out.write(new byte[] {1, 2, 3});
    }
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void reachableStorageWithMissingInputsPassesAndLeavesNoMarker() throws Exception {
    String in = "s3a://" + bucket + "/in/";
    String out = "s3a://" + bucket + "/out";
    StoragePreflight.check(
        List.of(in + "a.mp4", in, in + "*.mp4", in + "missing.mp4", "s3a://" + bucket + "/"),
        out,
        conf());
    assertFalse(
        new Path(out).getFileSystem(conf()).listFiles(new Path(out), true).hasNext(),
        "marker left behind");
  }

  @Test
  void relativeLocalInputsAndGlobs() throws Exception {
    StoragePreflight.check(
        List.of("*.mp4", "src/*/gameplay.mp4", "missing/*.mp4", "pom.xml"),
        dir.resolve("out").toString(),
        conf());
  }

  @Test
  void nothingListeningAtTheEndpoint() throws Exception {
    Configuration conf = conf();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + closedPort());
    String input = "s3a://" + bucket + "/in/a.mp4";
    assertFailsFast(
        "Cannot read " + input + ": cannot connect to the store",
        () -> StoragePreflight.check(List.of(input), "s3a://" + bucket + "/out", conf));
  }

  @Test
  void wrongCredentials() throws Exception {
    Configuration conf = conf();
    String wrongSecret = "wrong-" + s3.secretKey();
    conf.set("fs.s3a.secret.key", wrongSecret);
    String input = "s3a://" + bucket + "/in/";
    String message =
        assertFailsFast(
            "Cannot read " + input + ": access denied",
            () -> StoragePreflight.check(List.of(input), "s3a://" + bucket + "/out", conf));
    assertFalse(message.contains(wrongSecret) || message.contains(s3.secretKey()), message);
  }

  @Test
  void missingBucket() throws Exception {
    String input = "s3a://no-such-bucket-" + bucket + "/in/a.mp4";
    assertFailsFast(
        "Cannot read " + input + ": the bucket does not exist",
        () -> StoragePreflight.check(List.of(input), "s3a://" + bucket + "/out", conf()));
    String output = "s3a://no-such-bucket-" + bucket + "/out";
    assertFailsFast(
        "Cannot write " + output + ": the bucket does not exist",
        () -> StoragePreflight.check(List.of("s3a://" + bucket + "/in/"), output, conf()));
  }

  @Test
  void localOutputThatCannotBeAFolder() throws Exception {
    java.nio.file.Path file = Files.writeString(dir.resolve("a-file"), "x");
    String output = file.resolve("out").toString();
    assertFailsFast(
        "Cannot write " + output + ": ParentNotDirectoryException",
        () -> StoragePreflight.check(List.of(dir.toString()), output, conf()));
  }

  private static String assertFailsFast(
      String expectedStart, org.junit.jupiter.api.function.Executable check) {
    long started = System.nanoTime();
    IOException e = assertThrows(IOException.class, check);
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    assertTrue(ms < FAST_MS, "took " + ms + " ms: " + e.getMessage());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private static Configuration conf() {
    Configuration conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
    return conf;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
