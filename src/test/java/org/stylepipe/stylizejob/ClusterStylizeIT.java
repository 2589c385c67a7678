package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.S3Server;
import org.stylepipe.testing.S3SparkTestBase;
import org.stylepipe.testing.StandaloneCluster;
import org.stylepipe.testing.StylizedSnapshot;
import org.stylepipe.testing.TestVideos;

/**
 * The stylize job on a real standalone cluster (a master and two worker JVMs on 127.0.0.1, the
 * driver in this JVM) with recording, model and output on a real S3 server: the model is read from
 * {@code s3a://} by the driver and is on no worker's disk until the driver ships it; every executor
 * checks its copy against the driver's SHA-256, and a copy that differs fails the job naming the
 * model.
 */
class ClusterStylizeIT {
  private static final int FRAMES = 20;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static S3Server s3;
  static StandaloneCluster cluster;
  static SparkSession spark;
  static String bucket;
  static Path clip;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start();
    bucket = s3.createBucket("cluster");
    clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, FRAMES, 20, 10);
    put(clip, "recordings/clip.mp4");
    put(TestModels.file("mosaic.onnx"), "models/mosaic.onnx");
    put(TestModels.file("candy.onnx"), "models/candy.onnx");
    cluster = StandaloneCluster.start(dir, dir.resolve("spark-home"), 2, "1500m");
    Map<String, String> settings = new HashMap<>(S3SparkTestBase.committerSettings());
    s3.hadoopSettings().forEach((key, value) -> settings.put("spark.hadoop." + key, value));
    spark = cluster.session("stylepipe-cluster-stylize-test", settings);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aModelFromObjectStorageIsShippedToTheExecutorsAndRecordedByItsChecksum() throws Exception {
    String model = uri("models/mosaic.onnx");
    String sha256 = ModelFile.sha256(TestModels.file("mosaic.onnx"));
    String out = uri("stylized");

    StylizeSummary summary = StylizeJob.run(config(model, out), spark);

    assertEquals(List.of(), summary.errors());
    assertEquals(2, summary.segments());
    Path video = dir.resolve("stylized.mp4");
    hadoopPath(out + "/stylized/clip.mp4")
        .getFileSystem(hadoop())
        .copyToLocalFile(
            hadoopPath(out + "/stylized/clip.mp4"), hadoopPath(video.toUri().toString()));
    List<String> sourceTimes = StylizedSnapshot.times(clip.toString());
    assertEquals(FRAMES, sourceTimes.size());
    assertEquals(sourceTimes, StylizedSnapshot.times(video.toString()));
    List<String> manifest = StylizedSnapshot.manifest(spark, out);
    assertEquals(FRAMES + 2 + 1, manifest.size()); // frames, two segment videos, the video
    assertTrue(
        manifest.stream().allMatch(row -> row.contains(" " + model + " " + sha256 + " ")),
        manifest.get(0));
    List<Path> copies = executorCopies(sha256 + ".onnx");
    assertFalse(copies.isEmpty(), "no executor received the model");
    for (Path copy : copies) {
      assertEquals(sha256, ModelFile.sha256(copy), copy.toString());
    }
  }

  @Test
  void aModelThatChangesAfterTheDriverReadItFailsTheJobNamingIt() throws Exception {
    String model = uri("models/candy.onnx");
    String out = uri("changed");
    StylizeJob job = StylizeJob.prepare(config(model, out), hadoop());
    Path driverCopy = job.model().driverCopy();
    byte[] bytes = Files.readAllBytes(driverCopy);
    bytes[bytes.length / 2] ^= 1;
    Files.write(driverCopy, bytes);
    try {
      Exception failure = assertThrows(Exception.class, () -> job.run(spark));
      String messages = messages(failure);
      assertTrue(
          messages.contains("Cannot load model " + model + ": the copy this executor received"),
          messages);
      assertTrue(messages.contains("; it changed on the way"), messages);
    } finally {
      Files.delete(driverCopy);
    }
    assertFalse(exists(out + "/_SUCCESS"));
    assertFalse(exists(out + "/manifest/recording_id=clip"), "a segment was committed");
  }

  private static StylizeConfig config(String model, String out) {
    return StylizeConfig.from(
        OptionMap.fromArgs(
            List.of(
                "--input",
                uri("recordings/clip.mp4"),
                "--output",
                out,
                "--model",
                model,
                "--segment-seconds",
                "0.5",
                "--flicker",
                "false")));
  }

  /** Files named {@code name} under the workers' folders: what their executors received. */
  private static List<Path> executorCopies(String name) throws IOException {
    List<Path> copies = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (Stream<Path> files = Files.walk(cluster.workDir(i))) {
        files.filter(f -> f.getFileName().toString().equals(name)).forEach(copies::add);
      }
    }
    return copies;
  }

  /** The messages of an exception and its causes. */
  private static String messages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t).append('\n');
    }
    return messages.toString();
  }

  private static String uri(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  private static Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static org.apache.hadoop.fs.Path hadoopPath(String uri) {
    return new org.apache.hadoop.fs.Path(uri);
  }

  private static boolean exists(String uri) throws IOException {
    return hadoopPath(uri).getFileSystem(hadoop()).exists(hadoopPath(uri));
  }

  private static void put(Path file, String key) throws IOException {
    Configuration conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
    hadoopPath(uri(key))
        .getFileSystem(conf)
        .copyFromLocalFile(hadoopPath(file.toUri().toString()), hadoopPath(uri(key)));
  }
}
