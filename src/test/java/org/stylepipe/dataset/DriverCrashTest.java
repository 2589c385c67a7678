package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The driver process is killed part-way through a job; the rerun processes only the segments that had not
 * committed and ends with the dataset of an uninterrupted run.
 */
class DriverCrashTest extends SparkTestBase {
  private static final int SEGMENTS = 24;

  @TempDir Path dir;

  @Test
  void rerunAfterTheDriverIsKilledProcessesOnlyTheMissingSegments() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("long.mp4"), 640, 360, SEGMENTS * 15, 30, 15);
    Path out = dir.resolve("out");
    List<String> job =
        List.of("--input", video.toString(), "--output", out.toString(), "--segment-seconds", "0.5");

    Process driver = startDriver(job, dir.resolve("driver.log"));
    int committedWhenKilled = waitForCommits(out, 3, driver);
    driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    int committed = commits(out);
    assertTrue(committed < SEGMENTS,
        "the job ended before it could be killed (" + committedWhenKilled + " commits); make the video longer");
    assertTrue(Files.notExists(out.resolve("_SUCCESS")));

    DatasetSummary resumed = DatasetJob.run(config(job), spark);
    assertEquals(SEGMENTS, resumed.segments());
    assertEquals(SEGMENTS - committed, resumed.segmentsProcessed());

    Path clean = dir.resolve("clean");
    DatasetJob.run(config(List.of("--input", video.toString(), "--output", clean.toString(),
        "--segment-seconds", "0.5")), spark);
    assertEquals(DatasetSnapshot.manifest(spark, clean), DatasetSnapshot.manifest(spark, out));
    assertEquals(DatasetSnapshot.files(clean), DatasetSnapshot.files(out));
  }

  private static DatasetConfig config(List<String> args) {
    return DatasetConfig.from(OptionMap.fromArgs(args));
  }

  /** The dataset job in a JVM of its own (local[1]), with this JVM's options and class path. */
  private static Process startDriver(List<String> job, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.stylepipe.cli.StylePipe",
        "dataset", "--master", "local[1]"));
    command.addAll(job);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static int waitForCommits(Path out, int wanted, Process driver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && driver.isAlive()) {
      int found = commits(out);
      if (found >= wanted) {
        return found;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the driver made no " + wanted + " commits in time (alive: " + driver.isAlive() + ")");
  }

  private static int commits(Path out) throws Exception {
    Path folder = out.resolve("manifest/recording_id=long");
    if (Files.notExists(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    }
  }
}
