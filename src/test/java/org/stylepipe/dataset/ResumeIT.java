package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.TestVideos;

/**
 * Outputs are idempotent and resumable: a rerun skips committed segments and ends with the dataset
 * of an uninterrupted run; a task that dies mid-segment is retried without duplicates or orphans;
 * other options are refused unless overwriting, which redoes everything.
 */
class ResumeIT {
  @TempDir static Path dir;
  static SparkSession spark;
  static Path videoA;
  static Path videoB;
  static Path clean;
  static DatasetSummary cleanSummary;

  @BeforeAll
  static void cleanRun() throws Exception {
    spark =
        SparkSession.builder()
            .master("local[2,4]") // 4 attempts per task, as on a cluster
            .appName("stylepipe-resume-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    videoA = TestVideos.constantRate(dir.resolve("a.mp4"), 128, 72, 90, 30, 15);
    videoB = TestVideos.variableRate(dir.resolve("b.mp4"), 96, 64, 60, 10);
    clean = dir.resolve("clean");
    cleanSummary = DatasetJob.run(config(clean), spark);
    assertTrue(cleanSummary.segments() >= 8, "segments: " + cleanSummary.segments());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static DatasetConfig config(Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                videoA.toString(),
                "--input",
                videoB.toString(),
                "--output",
                out.toString(),
                "--segment-seconds",
                "0.5",
                "--size",
                "64x48"));
    args.addAll(List.of(extra));
    return DatasetConfig.from(OptionMap.fromArgs(args));
  }

  static void assertSameDataset(Path expected, Path actual) throws Exception {
    assertSameLines(
        DatasetSnapshot.manifest(spark, expected), DatasetSnapshot.manifest(spark, actual));
    assertSameLines(DatasetSnapshot.files(expected), DatasetSnapshot.files(actual));
    assertTrue(Files.exists(actual.resolve("_SUCCESS")));
  }

  /** Equal lists, or a failure that shows only the lines that differ. */
  static void assertSameLines(List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    assertTrue(
        missing.isEmpty() && extra.isEmpty() && expected.size() == actual.size(),
        "missing "
            + missing
            + ", extra "
            + extra
            + ", sizes "
            + expected.size()
            + "/"
            + actual.size());
  }

  static Path copyOf(Path source, String name) throws Exception {
    Path target = dir.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    }
    return target;
  }

  @Test
  void rerunOfAPartialOutputProcessesOnlyTheUncommittedSegments() throws Exception {
    Path out = copyOf(clean, "partial");
    // As if the run died: no _SUCCESS, two segments uncommitted, one of them with a half-written
    // image.
    Files.delete(out.resolve("_SUCCESS"));
    Files.delete(out.resolve("manifest/recording_id=a/segment-00001.parquet"));
    Files.delete(out.resolve("manifest/recording_id=b/segment-00002.parquet"));
    Path image = out.resolve("frames/a/original/00000016.png");
    Files.write(image, new byte[] {1, 2, 3});

    DatasetSummary summary = DatasetJob.run(config(out), spark);

    assertEquals(2, summary.segmentsProcessed());
    assertEquals(cleanSummary.segments(), summary.segments());
    assertEquals(cleanSummary.imagesWritten(), summary.imagesWritten());
    assertSameDataset(clean, out);
  }

  @Test
  void rerunOfACompleteOutputProcessesNothing() throws Exception {
    Path out = copyOf(clean, "complete");
    DatasetSummary summary = DatasetJob.run(config(out), spark);
    assertEquals(0, summary.segmentsProcessed());
    assertSameDataset(clean, out);
  }

  @Test
  void aTaskThatDiesMidSegmentIsRetriedWithoutDuplicatesOrOrphans() throws Exception {
    Path out = dir.resolve("faulty");
    spark.sparkContext().setLocalProperty(FaultInjection.FAIL, "a/2,b/0");
    try {
      DatasetSummary summary = DatasetJob.run(config(out), spark);
      assertEquals(List.of(), summary.errors());
    } finally {
      spark.sparkContext().setLocalProperty(FaultInjection.FAIL, null);
    }
    assertSameDataset(clean, out);
  }

  @Test
  void otherOptionsAreRefusedAndOverwriteRedoesEverything() throws Exception {
    Path out = copyOf(clean, "changed");
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatasetJob.run(config(out, "--mirror", "false"), spark));
    assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
    assertSameDataset(clean, out); // untouched

    DatasetSummary summary =
        DatasetJob.run(config(out, "--mirror", "false", "--overwrite", "true"), spark);
    assertEquals(summary.segments(), summary.segmentsProcessed());
    assertTrue(
        Files.notExists(out.resolve("frames/a/mirrored")),
        "the old run's mirrored images are gone");
    assertEquals(cleanSummary.imagesWritten() / 2, summary.imagesWritten());
  }
}
