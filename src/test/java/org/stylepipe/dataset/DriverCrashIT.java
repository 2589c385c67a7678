package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.ChildJvm;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The driver process is killed part-way through a job; the rerun processes only the segments that
 * had not committed and ends with the dataset of an uninterrupted run. The killed job cannot end
 * before the kill, whatever the machine's speed: one of its segment tasks is held ({@link
 * FaultInjection#HOLD}) and never released.
 */
class DriverCrashIT extends SparkTestBase {
  private static final int SEGMENTS = 24;
  private static final int HELD = 12;

  @TempDir Path dir;

  @Test
  void rerunAfterTheDriverIsKilledProcessesOnlyTheMissingSegments() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("long.mp4"), 640, 360, SEGMENTS * 15, 30, 15);
    Path out = dir.resolve("out");
    List<String> job =
        List.of(
            "--input", video.toString(), "--output", out.toString(), "--segment-seconds", "0.5");

    Process driver = startDriver(job, dir.resolve("driver.log"), dir.resolve("never-released"));
    waitForCommits(out, 3, driver);
    driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    int committed = commits(out);
    assertTrue(committed >= 3 && committed <= HELD, committed + " segments committed");
    assertTrue(Files.notExists(out.resolve("_SUCCESS")));

    DatasetSummary resumed = DatasetJob.run(config(job), spark);
    assertEquals(SEGMENTS, resumed.segments());
    assertEquals(SEGMENTS - committed, resumed.segmentsProcessed());

    Path clean = dir.resolve("clean");
    DatasetJob.run(
        config(
            List.of(
                "--input",
                video.toString(),
                "--output",
                clean.toString(),
                "--segment-seconds",
                "0.5")),
        spark);
    assertEquals(DatasetSnapshot.manifest(spark, clean), DatasetSnapshot.manifest(spark, out));
    assertEquals(DatasetSnapshot.files(clean), DatasetSnapshot.files(out));
  }

  private static DatasetConfig config(List<String> args) {
    return DatasetConfig.from(OptionMap.fromArgs(args));
  }

  /** The dataset job in a JVM of its own (local[1]), its segment {@link #HELD} held. */
  private static Process startDriver(List<String> job, Path log, Path release) throws Exception {
    List<String> main =
        new ArrayList<>(
            List.of(
                "-D" + FaultInjection.HOLD + "=long/" + HELD,
                "-D" + FaultInjection.RELEASE + "=" + release,
                "org.stylepipe.cli.StylePipe",
                "dataset",
                "--master",
                "local[1]"));
    main.addAll(job);
    return ChildJvm.start(main, log, Map.of());
  }

  private static void waitForCommits(Path out, int wanted, Process driver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && driver.isAlive()) {
      if (commits(out) >= wanted) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the driver made no " + wanted + " commits in time (alive: " + driver.isAlive() + ")");
  }

  private static int commits(Path out) throws Exception {
    return DatasetSnapshot.commits(out, "long");
  }
}
