package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.SequentialDecode;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * Broken recordings in one job with good ones: each gets an error naming the file and the reason,
 * in the summary and the errors output; the good recordings are processed completely; partly
 * decodable files keep exactly their intact frames, all listed in the manifest.
 */
class BadInputIT extends SparkTestBase {
  @TempDir static Path dir;
  static Path good;
  static Path truncated;
  static Path truncatedNoIndex;
  static Path corrupted;
  static Path empty;
  static Path text;
  static Path missing;
  static DatasetSummary summary;
  static Path out;

  @BeforeAll
  static void runJobOnMixedInputs() throws Exception {
    good = TestVideos.constantRate(dir.resolve("good.mp4"), 160, 96, 60, 25, 12);
    byte[] fastStart =
        Files.readAllBytes(
            TestVideos.constantRateFastStart(dir.resolve("src-fs.mp4"), 160, 96, 100, 25, 12));
    truncated =
        Files.write(
            dir.resolve("truncated.mp4"), Arrays.copyOf(fastStart, fastStart.length * 6 / 10));
    byte[] indexAtEnd =
        Files.readAllBytes(TestVideos.constantRate(dir.resolve("src.mp4"), 160, 96, 100, 25, 12));
    truncatedNoIndex =
        Files.write(
            dir.resolve("truncated-no-index.mp4"),
            Arrays.copyOf(indexAtEnd, indexAtEnd.length / 2));
    byte[] damaged = fastStart.clone();
    Random random = new Random(3);
    for (int i = damaged.length / 2; i < damaged.length / 2 + 3000; i++) {
      damaged[i] = (byte) random.nextInt(256);
    }
    corrupted = Files.write(dir.resolve("corrupted.mp4"), damaged);
    empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
    text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n");
    missing = dir.resolve("missing.mp4");
    Files.delete(dir.resolve("src.mp4"));
    Files.delete(dir.resolve("src-fs.mp4"));
    out = dir.resolve("out");
    List<String> args = new java.util.ArrayList<>();
    for (Path input : List.of(good, truncated, truncatedNoIndex, corrupted, empty, text, missing)) {
      args.add("--input");
      args.add(input.toString());
    }
    args.addAll(List.of("--output", out.toString(), "--segment-seconds", "1", "--size", "80x48"));
    summary = DatasetJob.run(DatasetConfig.from(OptionMap.fromArgs(args)), spark);
  }

  @Test
  void everyBadInputIsNamedWithItsReason() {
    assertReason(truncatedNoIndex, "probe", "not a recording FFmpeg can open");
    assertReason(empty, "probe", "the file is empty");
    assertReason(text, "probe", "not a recording FFmpeg can open");
    assertReason(missing, "input", "does not exist");
    assertReason(truncated, "probe", "truncated");
    assertReason(corrupted, "decode", "damaged stream");
  }

  @Test
  void errorsOutputHoldsTheSameRows() {
    List<String> written =
        spark.read().parquet(out.resolve("errors").toString()).collectAsList().stream()
            .map(r -> r.getAs("stage") + " " + r.getAs("source") + " " + r.getAs("reason"))
            .sorted()
            .collect(Collectors.toList());
    List<String> reported =
        summary.errors().stream()
            .map(e -> e.stage() + " " + e.source() + " " + e.reason())
            .sorted()
            .collect(Collectors.toList());
    assertEquals(reported, written);
  }

  @Test
  void goodRecordingIsComplete() throws Exception {
    assertTrue(summary.errors().stream().noneMatch(e -> e.source().endsWith("good.mp4")));
    long images = manifest("good").size();
    assertEquals(60 * 2, images, "original and mirrored image of every frame");
  }

  @Test
  void partlyDecodableFilesKeepTheirIntactFramesAndListThemAll() throws Exception {
    List<Row> truncatedRows = manifest("truncated");
    assertTrue(
        truncatedRows.size() > 0 && truncatedRows.size() < 200, "rows: " + truncatedRows.size());
    List<Row> corruptedRows = manifest("corrupted");
    assertTrue(
        corruptedRows.size() > 0 && corruptedRows.size() < 200, "rows: " + corruptedRows.size());
    for (Row row : spark.read().parquet(out.resolve("manifest").toString()).collectAsList()) {
      Path image = out.resolve(row.<String>getAs("path"));
      assertEquals((long) row.getAs("bytes"), Files.size(image));
    }
    // Every image on disk is in the manifest: nothing written for frames that did not decode
    // intact.
    try (var files = Files.walk(out.resolve("frames"))) {
      long onDisk = files.filter(Files::isRegularFile).count();
      assertEquals(spark.read().parquet(out.resolve("manifest").toString()).count(), onDisk);
    }
    // What a truncated file yields is exactly the start of a sequential decode.
    List<String> sequential =
        SequentialDecode.frames(
            truncated.toString(),
            DatasetConfig.from(
                    OptionMap.fromArgs(List.of("--input", "x", "--output", "y", "--size", "80x48")))
                .frames());
    List<String> parallel =
        truncatedRows.stream()
            .filter(r -> r.getAs("variant").equals("original"))
            .sorted(java.util.Comparator.comparingLong(r -> r.getAs("frame_index")))
            .map(r -> r.getAs("frame_index") + " " + r.getAs("pts_us") + " " + r.getAs("sha256"))
            .collect(Collectors.toList());
    assertEquals(sequential, parallel);
  }

  @Test
  void summaryCountsEveryRecording() {
    assertEquals(
        6, summary.recordings(), "all found recordings; the missing path is an input error");
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  private List<Row> manifest(String recordingId) {
    return spark
        .read()
        .parquet(out.resolve("manifest").toString())
        .where(org.apache.spark.sql.functions.col("recording_id").equalTo(recordingId))
        .collectAsList();
  }

  private static void assertReason(Path file, String stage, String reason) {
    List<ErrorRow> errors =
        summary.errors().stream()
            .filter(e -> e.source().endsWith(file.getFileName().toString()))
            .collect(Collectors.toList());
    assertTrue(
        errors.stream().anyMatch(e -> e.stage().equals(stage) && e.reason().contains(reason)),
        file.getFileName()
            + ": expected "
            + stage
            + " error containing '"
            + reason
            + "', got "
            + errors);
  }
}
