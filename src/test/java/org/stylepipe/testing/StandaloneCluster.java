package org.stylepipe.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A real Spark standalone cluster on this machine: a master and workers on 127.0.0.1, each a JVM of
 * its own ({@link ChildJvm}), with one core each; what the workers start binds to 127.0.0.1 too
 * ({@code SPARK_LOCAL_IP}). Workers start executors (and, in cluster deploy mode, drivers) from
 * their Spark home: its {@code jars/} folder is their class path, so an empty one leaves the
 * application to bring Spark ({@code spark.executor.extraClassPath}).
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path dir;
  private final String masterUrl;
  private final List<Process> processes = new ArrayList<>();

  private StandaloneCluster(Path dir, String masterUrl) {
    this.dir = dir;
    this.masterUrl = masterUrl;
  }

  /**
   * Starts a master and {@code workers} workers, with logs and work folders under {@code dir}, and
   * waits until the master listens.
   *
   * @param sparkHome the workers' Spark home; created with an empty {@code jars/} if missing
   * @param memory each worker's memory, e.g. {@code 1500m}
   */
  public static StandaloneCluster start(Path dir, Path sparkHome, int workers, String memory)
      throws IOException, InterruptedException {
    Files.createDirectories(sparkHome.resolve("jars"));
    int port = freePort();
    StandaloneCluster cluster = new StandaloneCluster(dir, "spark://127.0.0.1:" + port);
    Map<String, String> environment =
        Map.of(
            "SPARK_HOME",
            sparkHome.toString(),
            "SPARK_SCALA_VERSION",
            "2.13",
            "SPARK_LOCAL_IP",
            "127.0.0.1");
    try {
      cluster.start(
          "master",
          List.of(
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--webui-port",
              Integer.toString(freePort())),
          environment);
      awaitListening(port);
      for (int i = 0; i < workers; i++) {
        cluster.start(
            "worker" + i,
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                memory,
                "--webui-port",
                Integer.toString(freePort()),
                "--work-dir",
                Files.createDirectories(cluster.workDir(i)).toString(),
                cluster.masterUrl),
            environment);
      }
    } catch (IOException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The master's URL, {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return masterUrl;
  }

  /**
   * A session whose driver is this JVM, with one one-core executor per worker (this JVM's class
   * path and options, as {@code spark.executor.extraClassPath} and {@code extraJavaOptions}) plus
   * {@code settings}; returns once every worker's executor has registered.
   */
  public SparkSession session(String appName, Map<String, String> settings)
      throws InterruptedException {
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    SparkSession.Builder builder =
        SparkSession.builder()
            .master(masterUrl)
            .appName(appName)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.executor.cores", "1")
            .config("spark.executor.memory", "1g")
            .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .config("spark.executor.extraJavaOptions", String.join(" ", ChildJvm.options()));
    settings.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    int workers = processes.size() - 1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (spark.sparkContext().getExecutorMemoryStatus().size() < workers + 1) { // and the driver
      assertTrue(System.nanoTime() < deadline, "the cluster's executors did not register in time");
      Thread.sleep(200);
    }
    return spark;
  }

  /** Worker {@code i}'s work folder: a folder per application and per driver it ran. */
  public Path workDir(int i) {
    return dir.resolve("worker" + i + "-work");
  }

  /** The JVMs the workers started: executors, and drivers in cluster deploy mode. */
  public Stream<ProcessHandle> workerChildren() {
    return processes.subList(1, processes.size()).stream()
        .flatMap(worker -> worker.toHandle().children());
  }

  /** Stops every JVM of the cluster, and what the workers started. */
  @Override
  public void close() {
    workerChildren().toList().forEach(ProcessHandle::destroyForcibly);
    processes.forEach(Process::destroyForcibly);
  }

  private void start(String name, List<String> mainAndArgs, Map<String, String> environment)
      throws IOException {
    processes.add(ChildJvm.start(mainAndArgs, dir.resolve(name + ".log"), environment));
  }

  /**
   * Waits until the master accepts connections: on a loaded machine its JVM can take longer to
   * start than an application's client waits for it.
   */
  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (true) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        assertTrue(System.nanoTime() < deadline, "the master did not listen on port " + port);
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
