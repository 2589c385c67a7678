package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.StylizedSnapshot;
import org.stylepipe.testing.TestVideos;

/**
 * The stylize job commits each segment with its manifest file: a rerun of the same command skips
 * the committed segments, stylizes only the others, joins, and ends with the output of an
 * uninterrupted run; a rerun with another model is refused before anything is written; {@code
 * --overwrite true} redoes everything with the new model. Manifest paths are relative to the output
 * root, and every row names the model by URI and SHA-256. An {@code .npz} model runs on either
 * engine, and an output resumes on the engine that made it only.
 */
class StylizeResumeIT {
  private static final int SEGMENTS = 6;

  @TempDir static Path dir;
  static SparkSession spark;
  static Path clip;
  static Path clean;
  static StylizeSummary cleanSummary;

  @BeforeAll
  static void cleanRun() throws Exception {
    spark =
        SparkSession.builder()
            .master("local[2,4]") // 4 attempts per task, as on a cluster
            .appName("stylepipe-stylize-resume-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 96, 64, SEGMENTS * 15, 30, 15);
    clean = dir.resolve("clean");
    cleanSummary = StylizeJob.run(config(clean, "mosaic.onnx"), spark);
    assertEquals(SEGMENTS, cleanSummary.segments());
    assertEquals(SEGMENTS, cleanSummary.segmentsProcessed());
    assertEquals(List.of(), cleanSummary.errors());
  }

  @Test
  void anNpzModelRunsOnOnnxRuntimeAsOnPytorchAndAnOutputResumesOnItsOwnEngineOnly()
      throws Exception {
    Path shortClip = TestVideos.constantRate(dir.resolve("short.mp4"), 96, 64, 15, 30, 15);
    String npz = TestModels.file("mosaic.npz").toString();
    Path onOrt = dir.resolve("npz-onnxruntime");
    StylizeSummary ort =
        StylizeJob.run(
            config(shortClip, onOrt, npz, "--engine", "onnxruntime", "--write-frames", "true"),
            spark);
    Path onPytorch = dir.resolve("npz-pytorch");
    StylizeSummary pytorch =
        StylizeJob.run(
            config(shortClip, onPytorch, npz, "--engine", "pytorch", "--write-frames", "true"),
            spark);
    Path onnx = dir.resolve("onnx");
    StylizeJob.run(
        config(
            shortClip, onnx, TestModels.file("mosaic.onnx").toString(), "--write-frames", "true"),
        spark);

    assertTrue(ort.engine().startsWith("OnnxRuntime "), ort.engine());
    assertTrue(pytorch.engine().startsWith("PyTorch "), pytorch.engine());
    String sha256 = ModelFile.sha256(TestModels.file("mosaic.npz"));
    assertEquals(sha256, ort.model().sha256(), "the manifest names the .npz, not its export");
    String uri = TestModels.file("mosaic.npz").toAbsolutePath().normalize().toString();
    List<String> rows = StylizedSnapshot.manifest(spark, onOrt.toString());
    assertTrue(
        rows.stream().allMatch(r -> r.contains(" " + uri + " " + sha256 + " ")), rows.get(0));
    for (int frame = 0; frame < 15; frame++) {
      String png = String.format("stylized/short/frames/%08d.png", frame);
      byte[] fromOrt = bgr(onOrt.resolve(png));
      assertWithinLevels(2, bgr(onPytorch.resolve(png)), fromOrt, png + ", PyTorch");
      assertWithinLevels(2, bgr(onnx.resolve(png)), fromOrt, png + ", mosaic.onnx");
    }

    // auto runs an .npz model on PyTorch: the same output, resumed; ONNX Runtime's is another.
    assertEquals(
        0,
        StylizeJob.run(config(shortClip, onPytorch, npz, "--write-frames", "true"), spark)
            .segmentsProcessed());
    List<String> before = StylizedSnapshot.files(onOrt);
    JobRefusedException refused =
        assertThrows(
            JobRefusedException.class,
            () -> StylizeJob.run(config(shortClip, onOrt, npz, "--write-frames", "true"), spark));
    assertTrue(refused.getMessage().contains("--overwrite true"), refused.getMessage());
    assertEquals(before, StylizedSnapshot.files(onOrt));

    IllegalArgumentException impossible =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StylizeJob.run(
                    config(
                        shortClip,
                        dir.resolve("pt-on-ort"),
                        TestModels.file("mosaic.pt").toString(),
                        "--engine",
                        "onnxruntime"),
                    spark));
    assertTrue(
        impossible.getMessage().startsWith("Cannot run model ")
            && impossible.getMessage().contains("on --engine onnxruntime: it is a TorchScript"),
        impossible.getMessage());
    assertFalse(Files.exists(dir.resolve("pt-on-ort")));
  }

  private static byte[] bgr(Path png) {
    try (Mat image = opencv_imgcodecs.imread(png.toString())) {
      assertFalse(image.empty(), png.toString());
      byte[] bgr = new byte[image.cols() * image.rows() * 3];
      image.data().get(bgr);
      return bgr;
    }
  }

  private static void assertWithinLevels(int levels, byte[] expected, byte[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      int diff = Math.abs((expected[i] & 0xff) - (actual[i] & 0xff));
      assertTrue(diff <= levels, what + " differs by " + diff + " at " + i);
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static StylizeConfig config(Path out, String model, String... extra) {
    return config(clip, out, TestModels.file(model).toString(), extra);
  }

  /** The stylize job on {@code input} with 0.5 s segments, without flicker. */
  static StylizeConfig config(Path input, Path out, String model, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--model",
                model,
                "--segment-seconds",
                "0.5",
                "--flicker",
                "false"));
    args.addAll(List.of(extra));
    return StylizeConfig.from(OptionMap.fromArgs(args));
  }

  @Test
  void theManifestNamesFilesRelativeToTheRootAndTheModelByUriAndChecksum() throws Exception {
    String sha256 = ModelFile.sha256(TestModels.file("mosaic.onnx"));
    String uri = TestModels.file("mosaic.onnx").toAbsolutePath().normalize().toString();
    List<String> rows = StylizedSnapshot.manifest(spark, clean.toString());
    assertEquals(SEGMENTS * 15 + SEGMENTS + 1, rows.size());
    assertTrue(
        rows.stream().allMatch(r -> r.contains(" " + uri + " " + sha256 + " ")), rows.get(0));
    assertTrue(
        rows.contains(
            "clip video -1 0 90 0 96x64 rotation=0 stylized/clip.mp4 "
                + uri
                + " "
                + sha256
                + " null"),
        String.join("\n", rows));
    assertTrue(
        rows.stream()
            .anyMatch(
                r ->
                    r.startsWith("clip segment 2 30 15 ")
                        && r.contains(" stylized/clip/segments/00002.mp4 ")),
        String.join("\n", rows));
    assertEquals(sha256, cleanSummary.model().sha256());
    assertEquals(Files.size(TestModels.file("mosaic.onnx")), cleanSummary.model().bytes());
    String summary = Files.readString(clean.resolve("_stylepipe/stylize-summary.json"));
    assertTrue(summary.contains("\"sha256\" : \"" + sha256 + "\""), summary);
    String report = Files.readString(clean.resolve("report.json"));
    assertTrue(report.contains("\"model-sha256\" : \"" + sha256 + "\""), report);
  }

  @Test
  void aRerunSkipsTheCommittedSegmentsAndEndsWithTheOutputOfAnUninterruptedRun() throws Exception {
    Path out = dir.resolve("resumed");
    StylizeJob.run(config(out, "mosaic.onnx"), spark);
    // As a driver killed mid-job leaves it: segments 1 and 4 not committed, no joined video, no
    // _SUCCESS.
    for (int segment : new int[] {1, 4}) {
      Files.delete(
          out.resolve(String.format("manifest/recording_id=clip/segment-%05d.parquet", segment)));
      Files.delete(out.resolve(String.format("stylized/clip/segments/%05d.mp4", segment)));
    }
    Files.delete(out.resolve("stylized/clip.mp4"));
    Files.delete(out.resolve("manifest/recording_id=clip/video.parquet"));
    Files.delete(out.resolve("_SUCCESS"));

    StylizeSummary resumed = StylizeJob.run(config(out, "mosaic.onnx", "--batch-size", "3"), spark);

    assertEquals(SEGMENTS, resumed.segments());
    assertEquals(2, resumed.segmentsProcessed());
    assertEquals(SEGMENTS - 2, resumed.segmentsResumed());
    assertEquals(cleanSummary.framesStylized(), resumed.framesStylized());
    assertEquals(List.of(), resumed.errors());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals(
        StylizedSnapshot.manifest(spark, clean.toString()),
        StylizedSnapshot.manifest(spark, out.toString()));
    assertEquals(
        StylizedSnapshot.frames(clean.resolve("stylized/clip.mp4").toString()),
        StylizedSnapshot.frames(out.resolve("stylized/clip.mp4").toString()));

    StylizeSummary again = StylizeJob.run(config(out, "mosaic.onnx"), spark);
    assertEquals(0, again.segmentsProcessed());
  }

  @Test
  void aRerunWithAnotherModelIsRefusedBeforeAnythingIsWrittenUnlessOverwriting() throws Exception {
    Path out = dir.resolve("other-model");
    StylizeJob.run(config(out, "mosaic.onnx"), spark);
    List<String> before = StylizedSnapshot.files(out);

    JobRefusedException refused =
        assertThrows(
            JobRefusedException.class, () -> StylizeJob.run(config(out, "candy.onnx"), spark));
    assertTrue(refused.getMessage().startsWith("Cannot write to "), refused.getMessage());
    assertTrue(refused.getMessage().contains("--overwrite true"), refused.getMessage());
    assertEquals(before, StylizedSnapshot.files(out));

    StylizeSummary overwritten =
        StylizeJob.run(config(out, "candy.onnx", "--overwrite", "true"), spark);
    assertEquals(SEGMENTS, overwritten.segmentsProcessed());
    String candy = ModelFile.sha256(TestModels.file("candy.onnx"));
    assertTrue(
        StylizedSnapshot.manifest(spark, out.toString()).stream().allMatch(r -> r.contains(candy)));
  }
}
