package org.stylepipe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real S3 server for tests: s3proxy with its filesystem backend, run as its own {@code java -jar}
 * process on 127.0.0.1 (its dependencies clash with Spark's, so it stays off the test class path).
 * Maven copies the jar to {@code target/s3proxy/s3proxy.jar}; the server keeps its objects and log
 * under {@code target/s3proxy/run-*} and is stopped by {@link #close()} (which deletes the objects)
 * or when the JVM exits.
 */
public final class S3Server implements AutoCloseable {
  private static final String JAR =
      System.getProperty("stylepipe.s3proxy.jar", "target/s3proxy/s3proxy.jar");
  private static final long START_TIMEOUT_MS = 60_000;
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private Process process;
  private final Thread stopOnExit;
  private final Path home;
  private final int port;
  private final String accessKey;
  private final String secretKey;

  private S3Server(Process process, Path home, int port, String accessKey, String secretKey) {
    this.process = process;
    this.home = home;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.stopOnExit = new Thread(() -> this.process.destroyForcibly(), "s3proxy-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts a server with random credentials. */
  public static S3Server start() throws IOException, InterruptedException {
    return start(
        "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18),
        UUID.randomUUID().toString());
  }

  /**
   * Starts a server that accepts only the given credentials (AWS signature v2 or v4) and waits
   * until it answers.
   */
  public static S3Server start(String accessKey, String secretKey)
      throws IOException, InterruptedException {
    Path jar = Paths.get(JAR).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "Cannot start s3proxy: " + jar + " is missing (mvn copies it before the tests)");
    }
    int port = freePort();
    Path home =
        Files.createDirectories(jar.getParent().resolve("run-" + port + "-" + System.nanoTime()));
    Path data = Files.createDirectories(home.resolve("data"));
    Path properties = home.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem",
            "jclouds.identity=" + accessKey,
            "jclouds.credential=" + secretKey,
            "jclouds.filesystem.basedir=" + data,
            ""));
    S3Server server = new S3Server(launch(jar, home), home, port, accessKey, secretKey);
    server.awaitAnswer();
    return server;
  }

  private static Process launch(Path jar, Path home) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-jar",
            jar.toString(),
            "--properties",
            home.resolve("s3proxy.properties").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("s3proxy.log").toFile()))
        .start();
  }

  /** An outage: kills the server process; its data and port stay for {@link #restart()}. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Starts the server again after {@link #kill()}, on the same port with the same data, and waits
   * for it.
   */
  public void restart() throws IOException, InterruptedException {
    process = launch(Paths.get(JAR).toAbsolutePath(), home);
    awaitAnswer();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitAnswer() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "Cannot start s3proxy: it exited; see " + home.resolve("s3proxy.log"));
      }
      try {
        HttpURLConnection connection =
            (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection
            .getResponseCode(); // any answer (403 without credentials) means it serves requests
        connection.disconnect();
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IOException(
        "Cannot start s3proxy: no answer within " + START_TIMEOUT_MS / 1000 + " s");
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /**
   * Creates an empty bucket named {@code prefix} plus a suffix unique in this JVM (Hadoop caches
   * file systems by bucket, so tests must not reuse a name across servers) and returns the name.
   * The filesystem backend keeps a bucket as a folder of its base directory.
   */
  public String createBucket(String prefix) {
    String name = prefix + "-" + BUCKETS.incrementAndGet() + "-" + port;
    try {
      Files.createDirectory(home.resolve("data").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create bucket " + name, e);
    }
    return name;
  }

  /**
   * S3A settings (keys without {@code spark.hadoop.}) for this server: endpoint, path-style access,
   * credentials.
   */
  public Map<String, String> hadoopSettings() {
    return Map.of(
        "fs.s3a.endpoint", endpoint(),
        "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.access.key", accessKey,
        "fs.s3a.secret.key", secretKey);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      deleteTree(home.resolve("data"));
      Files.deleteIfExists(home.resolve("s3proxy.properties")); // the log stays, for failed tests
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean up " + home, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalStateException exiting) {
      // the JVM is shutting down; the hook stops the process
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
