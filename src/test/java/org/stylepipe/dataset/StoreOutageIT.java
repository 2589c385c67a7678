package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.S3SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The S3 server goes away for a few seconds while a job reads and writes through it: the job either
 * completes or fails with a clear error, and either way every image the manifest lists is fully
 * there with its checksum. The job is certainly running through the outage: its last segment task
 * is held ({@link FaultInjection#HOLD}) until the server is back.
 */
class StoreOutageIT extends S3SparkTestBase {
  private static final int SEGMENTS = 16;

  @TempDir Path dir;

  @Test
  void theManifestNeverListsAnIncompleteImage() throws Exception {
    String bucket = s3.createBucket("outage");
    Path video = TestVideos.constantRate(dir.resolve("rec.mp4"), 640, 360, SEGMENTS * 15, 30, 15);
    String input = "s3a://" + bucket + "/rec.mp4";
    String out = "s3a://" + bucket + "/out";
    fs(input)
        .copyFromLocalFile(
            new org.apache.hadoop.fs.Path(video.toUri()), new org.apache.hadoop.fs.Path(input));
    DatasetConfig config =
        DatasetConfig.from(
            OptionMap.fromArgs(
                List.of("--input", input, "--output", out, "--segment-seconds", "0.5")));

    Path release = dir.resolve("release");
    CompletableFuture<DatasetSummary> job =
        CompletableFuture.supplyAsync(() -> run(config, "rec/" + (SEGMENTS - 1), release));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!committed(out)) {
      assertTrue(
          !job.isDone() && System.nanoTime() < deadline, "no segment committed while the job ran");
      Thread.sleep(50);
    }
    assertTrue(!job.isDone(), "the job is running when the server goes away");
    s3.kill();
    Thread.sleep(3000);
    s3.restart();
    Files.createFile(release);

    String outcome;
    try {
      DatasetSummary summary = job.get(300, TimeUnit.SECONDS);
      outcome = "completed with " + summary.errors();
      summary
          .errors()
          .forEach(e -> assertTrue(e.reason().contains("s3a://"), "clear reason: " + e));
      if (summary.errors().isEmpty()) {
        assertEquals(SEGMENTS * 15 * 2, summary.imagesWritten());
      }
    } catch (ExecutionException e) {
      outcome = "failed: " + e.getCause();
      assertTrue(
          String.valueOf(e.getCause().getMessage()).contains(bucket),
          "clear error: " + e.getCause());
    }
    List<Row> rows = spark.read().parquet(out + "/manifest").collectAsList();
    assertTrue(!rows.isEmpty(), outcome);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (Row row : rows) {
      String image = out + "/" + row.<String>getAs("path");
      byte[] bytes;
      try (InputStream in = fs(image).open(new org.apache.hadoop.fs.Path(image))) {
        bytes = in.readAllBytes();
      }
      assertEquals((long) row.getAs("bytes"), bytes.length, image + " (" + outcome + ")");
      assertEquals(
          row.<String>getAs("sha256"), HexFormat.of().formatHex(sha256.digest(bytes)), image);
    }
  }

  /** Runs the job with the segment task {@code held} held until {@code release} exists. */
  private static DatasetSummary run(DatasetConfig config, String held, Path release) {
    spark.sparkContext().setLocalProperty(FaultInjection.HOLD, held);
    spark.sparkContext().setLocalProperty(FaultInjection.RELEASE, release.toString());
    try {
      return DatasetJob.run(config, spark);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      spark.sparkContext().setLocalProperty(FaultInjection.HOLD, null);
      spark.sparkContext().setLocalProperty(FaultInjection.RELEASE, null);
    }
  }

  private static boolean committed(String out) {
    try {
      org.apache.hadoop.fs.Path folder =
          new org.apache.hadoop.fs.Path(out + "/manifest/recording_id=rec");
      return fs(out).exists(folder) && fs(out).listStatus(folder).length > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static FileSystem fs(String uri) throws java.io.IOException {
    return new org.apache.hadoop.fs.Path(uri)
        .getFileSystem(spark.sparkContext().hadoopConfiguration());
  }
}
