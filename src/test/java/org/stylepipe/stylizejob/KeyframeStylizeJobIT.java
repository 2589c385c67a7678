package org.stylepipe.stylizejob;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.KeyframeStylizeConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.guides.ReferenceLoader;
import org.stylepipe.guides.SyntheticFrames;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelLoader;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The stylize job's teacher mode on a real few-shot dataset (keyframes 1 and 11 of a 20-frame pan,
 * both sequences): the real mosaic model, and the few-shot fixture fed the keyframes' own noise
 * guides.
 */
class KeyframeStylizeJobIT extends SparkTestBase {
  private static final int W = 128;
  private static final int H = 96;

  @TempDir static Path dir;
  static Path dataset;

  @BeforeAll
  static void makeDataset() throws Exception {
    Path video =
        TestVideos.ofFrames(
            dir.resolve("pan.mp4"), SyntheticFrames.panned(W, H, 20, 2, 1, 9), 10, 5);
    dataset = dir.resolve("fewshot");
    DatasetJob.run(
        DatasetConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    video.toString(),
                    "--output",
                    dataset.toString(),
                    "--layout",
                    "fewshot",
                    "--size",
                    W + "x" + H,
                    "--segment-seconds",
                    "1",
                    "--keyframes",
                    "every:10"))),
        spark);
  }

  @Test
  void theTeacherStylizesTheKeyframesIntoTheTrainersOutputFoldersAndKeepsPaintedOnes()
      throws Exception {
    for (String sequence : List.of("pan", "pan-mirrored")) {
      Path outputs = dataset.resolve("fewshot/" + sequence + "_train/output");
      try (var files = Files.list(Files.createDirectories(outputs))) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
    Path painted = dataset.resolve("fewshot/pan_train/output/011.png");
    Files.copy(dataset.resolve("fewshot/pan_train/input/011.png"), painted);
    byte[] painting = Files.readAllBytes(painted);
    Path model = TestModels.file("mosaic.onnx");
    KeyframeSummary summary = run("--model", model.toString());

    assertEquals(List.of(), summary.errors(), summary.toText());
    assertEquals(2, summary.keyframes());
    assertEquals(1, summary.stylized());
    assertEquals(1, summary.kept(), "the painted keyframe is kept");
    assertArrayEquals(painting, Files.readAllBytes(painted));
    assertStylized(model, null, "001");
    assertTrue(Files.isRegularFile(dataset.resolve("_stylepipe/keyframes-summary.json")));

    KeyframeSummary again =
        run("--model", model.toString(), "--overwrite", "true", "--batch-size", "2");
    assertEquals(2, again.stylized());
    assertStylized(model, null, "011");
    List<String> noise = List.of("input_gdisko_gauss_r10_s10", "input_gdisko_gauss_r10_s15");
    for (String sequence : List.of("pan_train", "pan-mirrored_train")) {
      assertEquals(
          2 * (3 + noise.size()),
          ReferenceLoader.training(dataset.resolve("fewshot/" + sequence), "input", noise).size(),
          "the trainer finds every file of " + sequence);
    }
  }

  @Test
  void aSixChannelTeacherGetsEachKeyframesNoiseGuide() throws Exception {
    Path model =
        Files.copy(TestModels.file("fewshot_lighthouse.pt"), dir.resolve("fewshot_lighthouse.pt"));
    Files.writeString(
        dir.resolve("fewshot_lighthouse.pt.model.properties"), "range=-1..1\ninput.channels=6\n");
    IllegalArgumentException noGuide =
        assertThrows(IllegalArgumentException.class, () -> run("--model", model.toString()));
    assertTrue(noGuide.getMessage().contains("pass --guide noise"), noGuide.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> run("--model", model.toString(), "--guide", "noise:r7_s7"));
    assertEquals(
        "Cannot use --guide noise:r7_s7: the dataset's noise guides are [r10_s10, r10_s15]",
        unknown.getMessage());

    KeyframeSummary summary =
        run("--model", model.toString(), "--guide", "noise:r10_s15", "--overwrite", "true");
    assertEquals(List.of(), summary.errors(), summary.toText());
    assertEquals(2, summary.stylized());
    assertStylized(model, "input_gdisko_gauss_r10_s15", "001");
    assertStylized(model, "input_gdisko_gauss_r10_s15", "011");
  }

  @Test
  void onlyACompleteFewShotDatasetIsTaken() throws Exception {
    Path frames = dir.resolve("frames-layout");
    DatasetJob.run(
        DatasetConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    dir.resolve("pan.mp4").toString(),
                    "--output",
                    frames.toString(),
                    "--size",
                    "64x48"))),
        spark);
    Path model = TestModels.file("mosaic.onnx");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> run(frames, "--model", model.toString()));
    assertTrue(
        e.getMessage().endsWith("it is not a few-shot dataset (made with --layout fewshot)"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(dir.resolve("nowhere"), "--model", model.toString()));
    assertTrue(e.getMessage().contains("it holds no output of stylepipe dataset"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("nowhere")), "a refused run writes nothing");
  }

  private static KeyframeSummary run(String... options) throws Exception {
    return run(dataset, options);
  }

  private static KeyframeSummary run(Path on, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("--dataset", on.toString()));
    args.addAll(List.of(options));
    return KeyframeStylizeJob.run(KeyframeStylizeConfig.from(OptionMap.fromArgs(args)), spark);
  }

  /**
   * The outputs of keyframe {@code stem} are the model's own output on it, and its mirror in the
   * mirror sequence.
   */
  private static void assertStylized(Path model, String guideFolder, String stem) throws Exception {
    byte[] input = pixels(dataset.resolve("fewshot/pan_train/input/" + stem + ".png"));
    FrameBatch batch = FrameBatch.of(W, H, List.of(input));
    if (guideFolder != null) {
      batch =
          batch.withGuides(
              List.of(
                  pixels(
                      dataset.resolve("fewshot/pan_train/" + guideFolder + "/" + stem + ".png"))));
    }
    byte[] expected;
    try (Predictor<FrameBatch, FrameBatch> predictor =
        ModelLoader.of(model, new ModelOptions("cpu", false, 1, 1)).newPredictor()) {
      expected = predictor.predict(batch).frames().get(0);
    }
    assertArrayEquals(
        expected, pixels(dataset.resolve("fewshot/pan_train/output/" + stem + ".png")), stem);
    assertTrue(meanDifference(input, expected) > 10, "keyframe " + stem + " is stylized");
    try (Mat original =
            imread(dataset.resolve("fewshot/pan_train/output/" + stem + ".png").toString());
        Mat mirrored =
            imread(
                dataset.resolve("fewshot/pan-mirrored_train/output/" + stem + ".png").toString());
        Mat flipped = new Mat()) {
      opencv_core.flip(original, flipped, 1);
      assertArrayEquals(bytes(flipped), bytes(mirrored), "mirrored output of " + stem);
    }
  }

  private static byte[] pixels(Path png) {
    try (Mat image = imread(png.toString())) {
      return bytes(image);
    }
  }

  private static byte[] bytes(Mat image) {
    byte[] bytes = new byte[(int) (image.total() * image.channels())];
    image.data().get(bytes);
    return bytes;
  }

  private static double meanDifference(byte[] a, byte[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return sum / a.length;
  }
}
