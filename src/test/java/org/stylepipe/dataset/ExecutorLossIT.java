package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.StandaloneCluster;
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

  static StandaloneCluster cluster;
  static SparkSession spark;

  @BeforeAll
  static void startCluster() throws Exception {
    // Executors get spark.executor.extraClassPath (this JVM's class path); the Spark home is empty.
    cluster = StandaloneCluster.start(dir, dir.resolve("spark-home"), 2, "1500m");
    spark = cluster.session("stylepipe-executor-loss-test", Map.of());
  }

  @AfterAll
  static void stopCluster() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
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
        cluster
            .workerChildren()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no executor JVM"));
    executor.destroyForcibly();
    DatasetSummary summary = job.get(240, TimeUnit.SECONDS);

    assertTrue(commits(out) >= 2);
    assertEquals(List.of(), summary.errors());
    assertEquals(SEGMENTS, summary.segments());
    assertEquals(DatasetSnapshot.manifest(spark, clean), DatasetSnapshot.manifest(spark, out));
    List<String> expected = DatasetSnapshot.files(clean);
    List<String> actual = DatasetSnapshot.files(out);
    assertTrue(
        expected.equals(actual),
        () -> "missing: " + missing(actual, expected) + ", extra: " + missing(expected, actual));
  }

  /** The lines of {@code wanted} that {@code lines} lacks. */
  private static List<String> missing(List<String> lines, List<String> wanted) {
    return wanted.stream().filter(line -> !lines.contains(line)).toList();
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
}
