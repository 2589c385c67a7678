package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {
  @TempDir Path dir;

  @Test
  void defaultsComeFromTheExtension() {
    assertEquals(ModelSpec.defaults(ModelFormat.NPZ), ModelSpec.forModel(dir.resolve("candy.npz")));
    assertEquals(
        ModelSpec.defaults(ModelFormat.TORCHSCRIPT), ModelSpec.forModel(dir.resolve("mosaic.pt")));
    ModelSpec onnx = ModelSpec.forModel(dir.resolve("mosaic.onnx"));
    assertEquals(new ModelSpec(ModelFormat.ONNX, PixelRange.BYTE, 3, 4), onnx);
    assertEquals("OnnxRuntime", onnx.format().engine());
  }

  @Test
  void readsEveryKeyFromThePropertiesFile() throws IOException {
    Path model = dir.resolve("generator.bin");
    Files.writeString(
        ModelSpec.propertiesFile(model),
        "# a few-shot generator\nformat = torchscript\nrange = -1..1  \ninput.channels=6\npad.multiple=8\n");
    ModelSpec spec = ModelSpec.forModel(model);
    assertEquals(new ModelSpec(ModelFormat.TORCHSCRIPT, PixelRange.SIGNED_UNIT, 6, 8), spec);
    assertTrue(spec.guided());
    assertEquals(272, spec.paddedSize(270));
    assertEquals(480, spec.paddedSize(480));
    assertEquals(dir.resolve("generator.bin.model.properties"), ModelSpec.propertiesFile(model));
  }

  @Test
  void rejectsBadProperties() throws IOException {
    assertRejected("input.chanels=6", "unknown keys [input.chanels]");
    assertRejected("range=0..65535", "range must be one of [0..255, 0..1, -1..1], not '0..65535'");
    assertRejected("format=tflite", "format must be one of [npz, torchscript, onnx], not 'tflite'");
    assertRejected("input.channels=4", "input.channels must be 3 or 6, not 4");
    assertRejected("pad.multiple=four", "pad.multiple must be an integer, not 'four'");
    assertRejected("pad.multiple=0", "pad.multiple must be at least 1, not 0");
  }

  @Test
  void needsAFormatForAnUnknownExtension() {
    Path model = dir.resolve("model.h5");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.forModel(model));
    assertTrue(
        e.getMessage().startsWith("Cannot load model " + model + ": unknown extension"),
        e.getMessage());
  }

  @Test
  void parsesAndChecksModelOptions() {
    assertEquals(Device.cpu(), ModelOptions.cpu().djlDevice());
    assertEquals(Device.gpu(), new ModelOptions("gpu", false, 0, 1).djlDevice());
    assertEquals(Device.gpu(1), new ModelOptions("gpu:1", true, 4, 1).djlDevice());
    assertEquals(
        Runtime.getRuntime().availableProcessors(), ModelOptions.cpu().intraOpThreadCount());
    assertEquals(3, new ModelOptions("cpu", false, 3, 1).intraOpThreadCount());
    assertOptionsRejected("cuda:0", false, "Cannot use device 'cuda:0'");
    assertOptionsRejected("cpu:1", false, "Cannot use device 'cpu:1'");
    assertOptionsRejected("cpu", true, "Cannot use half precision on device 'cpu'");
  }

  private void assertRejected(String properties, String reason) throws IOException {
    Path model = dir.resolve("model.pt");
    Path file = Files.writeString(ModelSpec.propertiesFile(model), properties);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.forModel(model));
    assertTrue(
        e.getMessage().startsWith("Cannot read model properties " + file + ": " + reason),
        e.getMessage());
  }

  private static void assertOptionsRejected(String device, boolean half, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ModelOptions(device, half, 0, 1));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
