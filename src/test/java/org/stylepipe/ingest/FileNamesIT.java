package org.stylepipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.stylizejob.StylizeJob;
import org.stylepipe.stylizejob.StylizeSummary;
import org.stylepipe.testing.S3SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * Any file name as inputs and outputs, on local files and on the real S3 server: spaces, {@code #},
 * {@code %}, {@code []}, accented and CJK letters; a file named explicitly is never a glob.
 */
class FileNamesIT extends S3SparkTestBase {
  /** The names, and the recording ids they become. */
  private static final List<String> NAMES =
      List.of("a b.mp4", "#1.mp4", "100%.mp4", "a[1].mp4", "vidéo 1.mp4", "日本語 ゲーム.mp4");

  private static final Set<String> IDS =
      new TreeSet<>(List.of("a_b", "_1", "100_", "a_1_", "vidéo_1", "日本語_ゲーム"));

  private static final String OUTPUT = "out #[1] 100% é 日本";

  @TempDir Path dir;
  private Path folder;

  @BeforeEach
  void makeRecordings() throws Exception {
    folder = Files.createDirectories(dir.resolve("in dir"));
    for (String name : NAMES) {
      TestVideos.constantRate(folder.resolve(name), 32, 24, 3, 10, 3);
    }
    // What a glob a[1].mp4 would match: never taken for the file named a[1].mp4.
    TestVideos.constantRate(folder.resolve("a1.mp4"), 32, 24, 3, 10, 3);
  }

  @Test
  void localFilesOfAnyNameAreInputsAndOutputs() throws Exception {
    List<String> inputs = new ArrayList<>();
    NAMES.forEach(name -> inputs.add(folder.resolve(name).toString()));
    String missing = folder.resolve("missing [2] é.mp4").toString();
    inputs.add(missing);
    DatasetSummary summary = dataset(inputs, dir.resolve(OUTPUT).toString());
    assertEquals(IDS, ids(summary));
    assertEquals(List.of(missing), summary.errors().stream().map(ErrorRow::source).toList());
    assertEquals(NAMES.size() * 3 * 2, summary.imagesWritten());
    for (String id : IDS) {
      assertTrue(
          Files.isRegularFile(
              dir.resolve(OUTPUT).resolve("frames/" + id + "/original/00000002.png")),
          id);
    }
    DatasetSummary rerun = dataset(inputs, dir.resolve(OUTPUT).toString());
    assertEquals(IDS, ids(rerun));
    assertEquals(0, rerun.segmentsProcessed(), "the rerun resumes the finished output");

    StylizeSummary stylized =
        StylizeJob.run(
            StylizeConfig.from(
                OptionMap.fromArgs(
                    List.of(
                        "--input",
                        folder.resolve("日本語 ゲーム.mp4").toString(),
                        "--input",
                        folder.resolve("a[1].mp4").toString(),
                        "--model",
                        TestModels.file("mosaic.onnx").toString(),
                        "--output",
                        dir.resolve("stylized " + OUTPUT).toString(),
                        "--size",
                        "32x24",
                        "--flicker",
                        "false"))),
            spark);
    assertTrue(stylized.errors().isEmpty(), stylized.toText());
    assertTrue(
        Files.isRegularFile(dir.resolve("stylized " + OUTPUT).resolve("stylized/日本語_ゲーム.mp4")));
    assertTrue(Files.isRegularFile(dir.resolve("stylized " + OUTPUT).resolve("stylized/a_1_.mp4")));
  }

  @Test
  void objectsOfAnyNameAreInputsAndOutputsOnS3() throws Exception {
    String bucket = s3.createBucket("names");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> inputs = new ArrayList<>();
    for (String name : NAMES) {
      org.apache.hadoop.fs.Path object =
          new org.apache.hadoop.fs.Path("s3a://" + bucket + "/in dir/" + name);
      object
          .getFileSystem(conf)
          .copyFromLocalFile(
              new org.apache.hadoop.fs.Path(folder.resolve(name).toString()), object);
      inputs.add(object.toString());
    }
    String output = "s3a://" + bucket + "/" + OUTPUT;
    DatasetSummary summary = dataset(inputs, output);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    assertEquals(IDS, ids(summary));
    FileSystem fs = new org.apache.hadoop.fs.Path(output).getFileSystem(conf);
    for (String id : IDS) {
      assertTrue(
          fs.exists(
              new org.apache.hadoop.fs.Path(output + "/frames/" + id + "/original/00000002.png")),
          id);
    }
  }

  private static DatasetSummary dataset(List<String> inputs, String output) throws Exception {
    List<String> args = new ArrayList<>();
    inputs.forEach(input -> args.addAll(List.of("--input", input)));
    args.addAll(List.of("--output", output, "--size", "32x24"));
    return DatasetJob.run(org.stylepipe.config.DatasetConfig.from(OptionMap.fromArgs(args)), spark);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> ids(DatasetSummary summary) {
    Set<String> ids = new TreeSet<>();
    for (Object recording : (List<Object>) summary.toMap().get("recordings_probed")) {
      ids.add((String) ((java.util.Map<String, Object>) recording).get("recording_id"));
    }
    return ids;
  }
}
