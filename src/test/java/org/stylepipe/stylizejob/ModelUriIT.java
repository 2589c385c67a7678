package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.cli.StylePipe;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.S3SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * {@code --model} from any Hadoop URI: read on the driver with its properties file; every model
 * that cannot be used (missing, a folder, an unknown scheme, a store that does not answer, a bucket
 * that does not exist, bytes with another SHA-256 than {@code --model-sha256}, invalid properties)
 * is a clear error naming the URI, on the driver, before any Spark job, with nothing written.
 */
class ModelUriIT extends S3SparkTestBase {
  @TempDir static Path dir;
  static String bucket;
  static Path clip;

  @BeforeAll
  static void upload() throws Exception {
    bucket = s3.createBucket("models");
    clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, 10, 30, 10);
    put(TestModels.file("mosaic.onnx"), "mosaic.onnx");
    put(TestModels.file("fewshot_lighthouse.pt"), "fewshot.pt");
    write("fewshot.pt.model.properties", "range=-1..1\ninput.channels=6\n");
    put(TestModels.file("mosaic.onnx"), "bad.onnx");
    write("bad.onnx.model.properties", "range=0..9\n");
    write("folder/a.txt", "not a model");
  }

  @Test
  void aModelAndItsPropertiesAreReadFromObjectStorage() throws Exception {
    StylizeJob job =
        StylizeJob.prepare(
            StylizeResumeIT.config(
                clip, dir.resolve("unused"), "s3a://" + bucket + "/fewshot.pt", "--guide", "black"),
            hadoop());
    assertTrue(job.model().spec().guided());
    assertEquals(
        ModelFile.sha256(TestModels.file("fewshot_lighthouse.pt")), job.model().file().sha256());
    assertEquals(Files.size(TestModels.file("fewshot_lighthouse.pt")), job.model().file().bytes());
  }

  @Test
  void everyUnusableModelIsRefusedNamingItBeforeAnySparkJob() throws Exception {
    String sha = ModelFile.sha256(TestModels.file("mosaic.onnx"));
    refused("s3a://" + bucket + "/missing.onnx", "it does not exist");
    refused(dir.resolve("missing.onnx").toString(), "it does not exist");
    refused("s3a://" + bucket + "/folder", "it is a folder, not a model file");
    refused("foo://host/mosaic.onnx", "no file system serves the scheme 'foo'");
    refused("s3a://no-such-bucket-" + bucket + "/mosaic.onnx", "the bucket does not exist");
    long started = System.nanoTime();
    refused(
        "hdfs://127.0.0.1:1/models/mosaic.onnx",
        "Cannot read model hdfs://127.0.0.1:1/models/mosaic.onnx: ");
    assertTrue(
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(40),
        "an unreachable store took long");
    refused(
        "s3a://" + bucket + "/mosaic.onnx",
        "its SHA-256 is " + sha + ", not " + "0".repeat(64) + " as --model-sha256 says",
        "--model-sha256",
        "0".repeat(64));
    refused(
        "s3a://" + bucket + "/bad.onnx",
        "Cannot read model properties s3a://"
            + bucket
            + "/bad.onnx.model.properties: range must be one of");
  }

  @Test
  void theCommandLineExitsWithStatusTwoAndWritesNothing() {
    Path out = dir.resolve("cli-out");
    String model = dir.resolve("nowhere/mosaic.onnx").toString();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status =
          StylePipe.run(
              List.of(
                  "stylize",
                  "--master",
                  "local[1]",
                  "--input",
                  clip.toString(),
                  "--output",
                  out.toString(),
                  "--model",
                  model));
    } finally {
      System.setErr(stderr);
    }
    assertEquals(StylePipe.USAGE, status);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("stylepipe: Cannot read model " + model + ": it does not exist"),
        err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(out));
  }

  /**
   * Stylizing with {@code model} fails on the driver with {@code message}, with no job and no
   * output.
   */
  private static void refused(String model, String message, String... extra) throws IOException {
    Path out = dir.resolve("out");
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      JobRefusedException e =
          assertThrows(
              JobRefusedException.class,
              () -> StylizeJob.run(StylizeResumeIT.config(clip, out, model, extra), spark));
      assertTrue(e.getMessage().contains(message), e.getMessage());
      assertTrue(e.getMessage().contains(model), e.getMessage());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(0, jobs.get(), "Spark jobs started for " + model);
    assertFalse(Files.exists(out), "written for " + model);
  }

  private static org.apache.hadoop.conf.Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static void put(Path file, String key) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + key);
    path.getFileSystem(hadoop())
        .copyFromLocalFile(new org.apache.hadoop.fs.Path(file.toUri()), path);
  }

  private static void write(String key, String text) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + key);
    FileSystem fs = path.getFileSystem(hadoop());
    try (var out = fs.create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
