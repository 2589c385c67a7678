package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.train.InitialWeights;

class StyleModelTest {
  private static final ModelOptions CPU = ModelOptions.cpu();
  private static final ModelSpec FEWSHOT =
      new ModelSpec(ModelFormat.TORCHSCRIPT, PixelRange.SIGNED_UNIT, 6, 4);

  @TempDir Path dir;

  @Test
  void givesTheClampedRoundedRawOutputInBgr() throws Exception {
    int width = 96;
    int height = 64;
    byte[] frame = TestFrames.scene(width, height, 5);
    Tensor raw;
    try (ZooModel<Tensor, Tensor> onnx =
        Tensor.load(TestModels.file("mosaic.onnx"), "OnnxRuntime")) {
      raw = Tensor.forward(onnx, Tensor.ofFrame(frame, width, height));
    }
    byte[] stylized =
        stylize(TestModels.file("mosaic.onnx"), FrameBatch.of(width, height, List.of(frame)))
            .get(0);

    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        int expected = Math.round(Math.max(0, Math.min(255, raw.data()[c * plane + i])));
        assertEquals(expected, stylized[i * 3 + 2 - c] & 0xff, "pixel " + i + " channel " + c);
      }
    }
  }

  @Test
  void eachPredictorRunsWithTheThreadCountOfItsModelsJob() throws Exception {
    Path file = TestModels.file("mosaic.pt");
    try (StyleModel one = StyleModel.load(file, new ModelOptions("cpu", false, 1, 1));
        StyleModel two = StyleModel.load(file, new ModelOptions("cpu", false, 2, 1))) {
      for (StyleModel model : List.of(one, two, one)) {
        try (Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
          assertEquals(model == one ? 1 : 2, JniUtils.getNumThreads());
        }
      }
    }
  }

  @Test
  void aBatchTooLargeForOneInputIsRefusedNamingTheLimit() {
    ModelSpec guided = new ModelSpec(ModelFormat.ONNX, PixelRange.BYTE, 6, 4);
    assertEquals(256L * 6 * 1080 * 1920, guided.inputValues(256, 1920, 1080));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> guided.checkedInputValues(256, 1920, 1080));
    assertTrue(e.getMessage().contains("3185049600 values"), e.getMessage());
    assertTrue(e.getMessage().contains("--batch-size"), e.getMessage());
    assertEquals(
        4 * 3 * 64 * 96, ModelSpec.defaults(ModelFormat.ONNX).checkedInputValues(4, 96, 64));
  }

  @Test
  void npzTorchScriptAndOnnxAgreeWithinOneLevel() throws Exception {
    int width = 98; // neither size is a multiple of 4: the frames are padded and cropped back
    int height = 66;
    FrameBatch batch =
        FrameBatch.of(
            width,
            height,
            List.of(TestFrames.scene(width, height, 1), TestFrames.scene(width, height, 2)));
    List<byte[]> onnx = stylize(TestModels.file("mosaic.onnx"), batch);
    for (String name : List.of("mosaic.npz", "mosaic.pt")) {
      List<byte[]> other = stylize(TestModels.file(name), batch);
      assertEquals(2, other.size());
      int differing = 0;
      for (int f = 0; f < 2; f++) {
        assertEquals(width * height * 3, other.get(f).length);
        for (int i = 0; i < other.get(f).length; i++) {
          int diff = Math.abs((other.get(f)[i] & 0xff) - (onnx.get(f)[i] & 0xff));
          assertTrue(diff <= 1, name + " differs from mosaic.onnx by " + diff + " at " + i);
          differing += diff;
        }
      }
      assertTrue(
          differing < 2 * width * height * 3 / 100, name + ": " + differing + " values differ");
    }
  }

  @Test
  void padsByReflectionAndCropsBack() throws Exception {
    int width = 98;
    int height = 66;
    byte[] frame = TestFrames.scene(width, height, 3);
    int paddedWidth = 100;
    int paddedHeight = 68;
    byte[] padded = new byte[paddedWidth * paddedHeight * 3];
    for (int y = 0; y < paddedHeight; y++) {
      for (int x = 0; x < paddedWidth; x++) {
        int source =
            (StyleTranslator.reflect(y, height) * width + StyleTranslator.reflect(x, width)) * 3;
        System.arraycopy(frame, source, padded, (y * paddedWidth + x) * 3, 3);
      }
    }
    Path model = TestModels.file("mosaic.onnx");
    byte[] small = stylize(model, FrameBatch.of(width, height, List.of(frame))).get(0);
    byte[] large = stylize(model, FrameBatch.of(paddedWidth, paddedHeight, List.of(padded))).get(0);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width * 3; x++) {
        assertEquals(
            large[y * paddedWidth * 3 + x], small[y * width * 3 + x], "row " + y + ", byte " + x);
      }
    }
  }

  @Test
  void loadsNpzWeightsOfAnyWidthsAndBlocks() throws Exception {
    Path student = dir.resolve("student.npz");
    try (OutputStream out = Files.newOutputStream(student)) {
      NpzWriter.write(InitialWeights.of(new NetShape(8, 16, 24, 2), 3), out);
    }
    int width = 34;
    int height = 26;
    List<byte[]> frames =
        List.of(TestFrames.scene(width, height, 4), TestFrames.scene(width, height, 9));
    List<byte[]> out = stylize(student, FrameBatch.of(width, height, frames));
    assertEquals(2, out.size());
    assertEquals(width * height * 3, out.get(0).length);
    assertTrue(!Arrays.equals(out.get(0), out.get(1)), "two frames, two outputs");
  }

  @Test
  void reflectMirrorsWithoutRepeatingTheBorder() {
    int[] expected = {0, 1, 2, 1, 0, 1, 2, 1};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], StyleTranslator.reflect(i, 3));
    }
    assertEquals(0, StyleTranslator.reflect(3, 1));
  }

  @Test
  void fewShotModelTakesAGuideAndGivesTanhRange() throws Exception {
    try (ZooModel<Tensor, Tensor> raw =
        Tensor.load(TestModels.file("fewshot_lighthouse.pt"), "PyTorch")) {
      float[] input = new float[6 * 64 * 96];
      for (int i = 0; i < input.length; i++) {
        input[i] = (float) Math.sin(i * 0.37);
      }
      Tensor output = Tensor.forward(raw, new Tensor(input, new long[] {1, 6, 64, 96}));
      assertArrayEquals(new long[] {1, 3, 64, 96}, output.shape());
      for (float v : output.data()) {
        assertTrue(v >= -1 && v <= 1, "tanh output " + v);
      }
    }

    int width = 98;
    int height = 66;
    FrameBatch frames = FrameBatch.of(width, height, List.of(TestFrames.scene(width, height, 4)));
    try (StyleModel model =
            StyleModel.load(TestModels.file("fewshot_lighthouse.pt"), FEWSHOT, CPU);
        Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      FrameBatch first =
          predictor.predict(frames.withGuides(List.of(TestFrames.noiseGuide(width, height, 1))));
      FrameBatch second =
          predictor.predict(frames.withGuides(List.of(TestFrames.noiseGuide(width, height, 2))));

      assertEquals(width, first.width());
      assertEquals(height, first.height());
      byte[] a = first.frames().get(0);
      byte[] b = second.frames().get(0);
      assertEquals(width * height * 3, a.length);
      int min = 255;
      int max = 0;
      double diff = 0;
      for (int i = 0; i < a.length; i++) {
        min = Math.min(min, a[i] & 0xff);
        max = Math.max(max, a[i] & 0xff);
        diff += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
      }
      assertTrue(max - min > 100, "output spans only " + min + ".." + max);
      assertTrue(
          diff / a.length > 2,
          "another guide changed the output by only " + diff / a.length + " on average");

      TranslateException e =
          assertThrows(TranslateException.class, () -> predictor.predict(frames));
      assertTrue(e.getMessage().contains("needs one guide image per frame"), e.getMessage());
    }
  }

  @Test
  void readsTheSpecFromThePropertiesFileBesideTheModel() throws Exception {
    Path target = TestModels.file("fewshot_lighthouse.pt").toAbsolutePath();
    Path link = Files.createSymbolicLink(dir.resolve("fewshot.pt"), target);
    Files.writeString(ModelSpec.propertiesFile(link), "range=-1..1\ninput.channels=6\n");
    try (StyleModel model = StyleModel.load(link, CPU)) {
      assertEquals(FEWSHOT, model.spec());
    }
  }

  private static List<byte[]> stylize(Path file, FrameBatch batch) throws Exception {
    try (StyleModel model = StyleModel.load(file, CPU);
        Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      FrameBatch out = predictor.predict(batch);
      assertEquals(batch.width(), out.width());
      assertEquals(batch.height(), out.height());
      return out.frames();
    }
  }
}
