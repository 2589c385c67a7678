package org.stylepipe.dataset;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.output.FileStore;
import org.stylepipe.testing.S3SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The dataset job with recordings and output on s3a:// (a real S3 server): the same manifest and
 * the same image bytes as the job on local files, broken objects reported with their reasons, and
 * Parquet committed through the configured committer.
 */
class ObjectStorageDatasetIT extends S3SparkTestBase {
  private static final String[] MANIFEST_COLUMNS = {
    "recording_id",
    "segment",
    "frame_index",
    "pts_us",
    "variant",
    "width",
    "height",
    "bytes",
    "sha256"
  };

  @TempDir static Path dir;
  static String bucket;
  static Path local;

  @BeforeAll
  static void uploadRecordings() throws Exception {
    bucket = s3.createBucket("games");
    local = Files.createDirectories(dir.resolve("recordings"));
    // 128 px wide: JavaCV 1.5.12 decodes some narrow widths (e.g. 96) wrongly, as 4 channels from a
    // padded stride.
    TestVideos.constantRate(local.resolve("cfr.mp4"), 128, 72, 50, 25, 12);
    TestVideos.variableRate(local.resolve("vfr.mp4"), 128, 72, 40, 10);
    upload(local.resolve("cfr.mp4"), "s3a://" + bucket + "/recordings/cfr.mp4");
    upload(local.resolve("vfr.mp4"), "s3a://" + bucket + "/recordings/vfr.mp4");
  }

  @Test
  void s3aJobWritesTheSameDatasetAsTheLocalJob() throws Exception {
    Path localOut = dir.resolve("local-out");
    String s3Out = "s3a://" + bucket + "/datasets/run1";
    DatasetSummary onFiles = run(List.of(local.toString()), localOut.toString());
    DatasetSummary onS3 = run(List.of("s3a://" + bucket + "/recordings"), s3Out);

    assertEquals(List.of(), onFiles.errors());
    assertEquals(List.of(), onS3.errors());
    assertEquals(onFiles.segments(), onS3.segments());
    assertEquals((50 + 40) * 2, onS3.imagesWritten());
    List<Row> fileRows = manifest(localOut.resolve("manifest").toString());
    List<Row> s3Rows = manifest(s3Out + "/manifest");
    assertSameRows(rowsWithoutUris(fileRows), rowsWithoutUris(s3Rows));
    for (int i = 0; i < s3Rows.size(); i++) {
      String path = s3Rows.get(i).getAs("path"); // relative to the output root, the same on both
      assertEquals(fileRows.get(i).<String>getAs("path"), path);
      assertTrue(path.startsWith("frames/"), path);
      assertArrayEquals(Files.readAllBytes(localOut.resolve(path)), read(s3Out + "/" + path), path);
    }
    assertTrue(exists(s3Out + "/_SUCCESS"));
    assertTrue(exists(s3Out + "/_stylepipe/dataset-summary.json"));
    // The report samples the manifest and images back from the store: the same contact sheet as on
    // local files.
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.readTree(localOut.resolve("report.json").toFile()).path("contact_sheet"),
        json.readTree(read(s3Out + "/report.json")).path("contact_sheet"));
    assertTrue(
        new String(read(s3Out + "/report.html"), StandardCharsets.UTF_8)
            .contains("data:image/jpeg;base64,"));
  }

  @Test
  void aFewShotDatasetOnS3aHoldsTheSameFilesAndRowsAsOnLocalFiles() throws Exception {
    Path localOut = dir.resolve("fewshot-local");
    String s3Out = "s3a://" + bucket + "/datasets/fewshot";
    List<String> fewShot = List.of("--layout", "fewshot", "--keyframes", "every:20");
    DatasetSummary onFiles =
        run(List.of(local.resolve("cfr.mp4").toString()), localOut.toString(), fewShot);
    DatasetSummary onS3 = run(List.of("s3a://" + bucket + "/recordings/cfr.mp4"), s3Out, fewShot);

    assertEquals(List.of(), onFiles.errors());
    assertEquals(List.of(), onS3.errors());
    List<Row> fileRows = manifest(localOut.resolve("manifest").toString());
    List<Row> s3Rows = manifest(s3Out + "/manifest");
    assertEquals(100, s3Rows.size());
    for (int i = 0; i < s3Rows.size(); i++) {
      for (String column :
          List.of("sha256", "number", "keyframe", "mask_path", "flow_fwd_path", "flow_bwd_path")) {
        assertEquals(
            (Object) fileRows.get(i).getAs(column),
            s3Rows.get(i).getAs(column),
            column + " of row " + i);
      }
      Map<String, String> noise = s3Rows.get(i).getJavaMap(s3Rows.get(i).fieldIndex("noise_paths"));
      assertEquals(fileRows.get(i).getJavaMap(fileRows.get(i).fieldIndex("noise_paths")), noise);
      List<String> files =
          new ArrayList<>(List.of(s3Rows.get(i).getAs("path"), s3Rows.get(i).getAs("mask_path")));
      files.addAll(noise.values());
      for (String path : files) {
        assertArrayEquals(
            Files.readAllBytes(localOut.resolve(path)), read(s3Out + "/" + path), path);
      }
    }
    assertArrayEquals(
        Files.readAllBytes(localOut.resolve("fewshot/cfr_gen/flow_bwd/025.A2V2f")),
        read(s3Out + "/fewshot/cfr_gen/flow_bwd/025.A2V2f"));
    assertTrue(exists(s3Out + "/fewshot/cfr-mirrored_train/input_gdisko_gauss_r10_s15/021.png"));
    assertFalse(exists(s3Out + "/_stylepipe/fewshot"), "work files removed");
  }

  @Test
  void brokenObjectsAreReportedAndTheGoodOneCompletes() throws Exception {
    byte[] fastStart =
        Files.readAllBytes(
            TestVideos.constantRateFastStart(dir.resolve("fs.mp4"), 128, 72, 100, 25, 12));
    byte[] indexAtEnd = Files.readAllBytes(local.resolve("cfr.mp4"));
    String in = "s3a://" + bucket + "/broken/";
    write(in + "empty.mp4", new byte[0]);
    write(in + "notes.mp4", "this is not a video\n".getBytes(StandardCharsets.UTF_8));
    write(in + "truncated.mp4", Arrays.copyOf(fastStart, fastStart.length * 6 / 10));
    write(in + "truncated-no-index.mp4", Arrays.copyOf(indexAtEnd, indexAtEnd.length / 2));
    List<String> inputs = new ArrayList<>();
    for (String name : List.of("empty", "notes", "truncated", "truncated-no-index", "missing")) {
      inputs.add(in + name + ".mp4");
    }
    inputs.add("s3a://" + bucket + "/recordings/cfr.mp4");
    String out = "s3a://" + bucket + "/datasets/broken";
    DatasetSummary summary = run(inputs, out);

    assertReason(summary, "empty.mp4", "probe", "the file is empty");
    assertReason(summary, "notes.mp4", "probe", "not a recording FFmpeg can open");
    assertReason(summary, "truncated-no-index.mp4", "probe", "not a recording FFmpeg can open");
    assertReason(summary, "missing.mp4", "input", "does not exist");
    assertReason(summary, "truncated.mp4", "probe", "truncated");
    assertTrue(
        summary.errors().stream().noneMatch(e -> e.source().endsWith("cfr.mp4")),
        "" + summary.errors());
    List<Row> rows = manifest(out + "/manifest");
    assertEquals(50 * 2, rows.stream().filter(r -> r.getAs("recording_id").equals("cfr")).count());
    assertEquals(summary.errors().size(), spark.read().parquet(out + "/errors").count());
  }

  @Test
  void parquetIsCommittedThroughTheConfiguredS3aCommitter() throws Exception {
    String out = "s3a://" + bucket + "/committer-check";
    spark.range(0, 1000).repartition(3).write().mode(SaveMode.Overwrite).parquet(out);

    assertEquals(499_500L, spark.read().parquet(out).agg(sum("id")).first().getLong(0));
    assertEquals("magic", committer(out));
    assertEquals(3, new ObjectMapper().readTree(read(out + "/_SUCCESS")).path("filenames").size());
    assertFalse(exists(out + "/__magic"), "magic committer left its work folder");
  }

  @Test
  void largeObjectsAreUploadedInParts() throws Exception {
    String large = s3.createBucket("large");
    hadoop().set("fs.s3a.bucket." + large + ".multipart.size", "5M"); // S3A's smallest part size
    byte[] bytes = new byte[11 << 20];
    new Random(5).nextBytes(bytes);
    String uri = "s3a://" + large + "/large.bin";
    new FileStore(hadoop()).write(uri, bytes);

    assertArrayEquals(bytes, read(uri));
    Map<String, Long> counters = IOStatisticsSupport.retrieveIOStatistics(fs(uri)).counters();
    assertEquals(3L, counters.get("multipart_upload_part_put"), "parts of 5, 5 and 1 MiB");
    assertEquals(1L, counters.get("multipart_upload_completed"));
  }

  @Test
  void aMissingOutputBucketFailsOnTheDriverBeforeAnySparkJob() throws Exception {
    JobStarts jobs = new JobStarts();
    spark.sparkContext().addSparkListener(jobs);
    try {
      // Spark-internal, public in bytecode: delivers every queued listener event.
      spark.sparkContext().listenerBus().waitUntilEmpty();
      jobs.starts.set(0);
      String output = "s3a://no-such-bucket-" + bucket + "/out";
      IOException e =
          assertThrows(
              IOException.class, () -> run(List.of("s3a://" + bucket + "/recordings"), output));
      assertTrue(
          e.getMessage().startsWith("Cannot write " + output + ": the bucket does not exist"),
          e.getMessage());
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(0, jobs.starts.get(), "Spark jobs started");
    } finally {
      spark.sparkContext().removeSparkListener(jobs);
    }
  }

  /** Counts the Spark jobs started. */
  private static final class JobStarts extends SparkListener {
    final AtomicInteger starts = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      starts.incrementAndGet();
    }
  }

  private static DatasetSummary run(List<String> inputs, String output) throws IOException {
    return run(inputs, output, List.of());
  }

  private static DatasetSummary run(List<String> inputs, String output, List<String> more)
      throws IOException {
    List<String> args = new ArrayList<>();
    for (String input : inputs) {
      args.addAll(List.of("--input", input));
    }
    args.addAll(List.of("--output", output, "--segment-seconds", "0.5", "--size", "64x48"));
    args.addAll(more);
    return DatasetJob.run(DatasetConfig.from(OptionMap.fromArgs(args)), spark);
  }

  private static List<Row> manifest(String uri) {
    return spark
        .read()
        .parquet(uri)
        .orderBy("recording_id", "frame_index", "variant")
        .collectAsList();
  }

  private static List<String> rowsWithoutUris(List<Row> rows) {
    List<String> values = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (String column : MANIFEST_COLUMNS) {
        line.append(column).append('=').append((Object) row.getAs(column)).append(' ');
      }
      values.add(line.toString());
    }
    return values;
  }

  /**
   * Compares row by row, so a failure names the first differing row instead of printing both
   * manifests.
   */
  private static void assertSameRows(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "manifest row " + i);
    }
    assertEquals(expected.size(), actual.size(), "manifest rows");
  }

  private static void assertReason(
      DatasetSummary summary, String file, String stage, String reason) {
    List<ErrorRow> errors =
        summary.errors().stream().filter(e -> e.source().endsWith("/" + file)).toList();
    assertTrue(
        errors.stream().anyMatch(e -> e.stage().equals(stage) && e.reason().contains(reason)),
        file + ": expected " + stage + " error containing '" + reason + "', got " + errors);
  }

  /**
   * S3A committers write a JSON {@code _SUCCESS} naming themselves; the classic committer an empty
   * one.
   */
  private static String committer(String dir) throws IOException {
    byte[] success = read(dir + "/_SUCCESS");
    return success.length == 0
        ? "file"
        : new ObjectMapper().readTree(success).path("committer").asText();
  }

  private static Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static FileSystem fs(String uri) throws IOException {
    return new org.apache.hadoop.fs.Path(uri).getFileSystem(hadoop());
  }

  private static void upload(Path file, String uri) throws IOException {
    fs(uri)
        .copyFromLocalFile(
            new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path(uri));
  }

  private static void write(String uri, byte[] bytes) throws IOException {
    try (var out = fs(uri).create(new org.apache.hadoop.fs.Path(uri), true)) {
      out.write(bytes);
    }
  }

  private static byte[] read(String uri) throws IOException {
    try (InputStream in = fs(uri).open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  private static boolean exists(String uri) throws IOException {
    return fs(uri).exists(new org.apache.hadoop.fs.Path(uri));
  }
}
