package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.ChildJvm;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.TestVideos;

/**
 * On a real multi-JVM Spark cluster on this machine (a standalone master and two workers started
 * from the Spark jars on 127.0.0.1), an executor JVM is killed while it works on segments: the job
 * still succeeds and its output equals a clean run's, with no duplicate rows, no missing frames and
 * no image outside the manifest.
 */
class ExecutorLossIT {
  private static final int SEGMENTS = 16;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static final List<Process> cluster = new ArrayList<>();
  static SparkSession spark;

  @BeforeAll
  static void startCluster() throws Exception {
    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    cluster.add(
        start(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(freePort()))));
    awaitListening(port);
    for (int i = 0; i < 2; i++) {
      Path work = Files.createDirectories(dir.resolve("worker" + i));
      cluster.add(
          start(
              "worker" + i,
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  "1",
                  "--memory",
                  "1500m",
                  "--webui-port",
                  Integer.toString(freePort()),
                  "--work-dir",
                  work.toString(),
                  master)));
    }
    spark =
        SparkSession.builder()
            .master(master)
            .appName("stylepipe-executor-loss-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.executor.cores", "1")
            .config("spark.executor.memory", "1g")
            .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .config("spark.executor.extraJavaOptions", String.join(" ", ChildJvm.options()))
            .getOrCreate();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (spark.sparkContext().getExecutorMemoryStatus().size()
        < 3) { // the driver and two executors
      assertTrue(
          System.nanoTime() < deadline, "the cluster's two executors did not register in time");
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopCluster() {
    if (spark != null) {
      spark.stop();
    }
    cluster.forEach(Process::destroyForcibly);
  }

  @Test
  void killingAnExecutorMidJobLosesNothingAndDuplicatesNothing() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("rec.mp4"), 640, 360, SEGMENTS * 15, 30, 15);
    Path clean = dir.resolve("clean");
    DatasetJob.run(config(video, clean), spark);

    Path out = dir.resolve("out");
    CompletableFuture<DatasetSummary> job =
        CompletableFuture.supplyAsync(() -> run(config(video, out)));
    waitForCommits(out, 2, job);
    ProcessHandle executor =
        executors().findFirst().orElseThrow(() -> new AssertionError("no executor JVM"));
    executor.destroyForcibly();
    DatasetSummary summary = job.get(240, TimeUnit.SECONDS);

    assertTrue(commits(out) >= 2);
    assertEquals(List.of(), summary.errors());
    assertEquals(SEGMENTS, summary.segments());
    assertEquals(DatasetSnapshot.manifest(spark, clean), DatasetSnapshot.manifest(spark, out));
    assertEquals(DatasetSnapshot.files(clean), DatasetSnapshot.files(out));
  }

  private static DatasetConfig config(Path video, Path out) {
    return DatasetConfig.from(
        OptionMap.fromArgs(
            List.of(
                "--input",
                video.toString(),
                "--output",
                out.toString(),
                "--segment-seconds",
                "0.5",
                "--shared-mount",
                "true")));
  }

  private static DatasetSummary run(DatasetConfig config) {
    try {
      return DatasetJob.run(config, spark);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Executor JVMs of the test cluster: the processes the workers started. */
  private static Stream<ProcessHandle> executors() {
    return cluster.subList(1, cluster.size()).stream()
        .flatMap(worker -> worker.toHandle().children());
  }

  private static void waitForCommits(Path out, int wanted, CompletableFuture<?> job)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (commits(out) < wanted) {
      assertTrue(
          !job.isDone() && System.nanoTime() < deadline,
          "no " + wanted + " commits while the job ran");
      Thread.sleep(20);
    }
  }

  private static int commits(Path out) throws IOException {
    return DatasetSnapshot.commits(out, "rec");
  }

  private static Process start(String name, List<String> mainAndArgs) throws IOException {
    // Executors get spark.executor.extraClassPath (this JVM's class path) and SPARK_HOME/jars, left
    // empty.
    Files.createDirectories(dir.resolve("jars"));
    return ChildJvm.start(
        mainAndArgs,
        dir.resolve(name + ".log"),
        Map.of("SPARK_HOME", dir.toString(), "SPARK_SCALA_VERSION", "2.13"));
  }

  /**
   * Waits until the master accepts connections: on a loaded machine its JVM can take longer to
   * start than the application's client waits for it.
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
