package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a bad model fails with an {@link IllegalArgumentException} that names the file and the
 * reason.
 */
class BadModelTest {
  private static final ModelOptions CPU = ModelOptions.cpu();

  @TempDir Path dir;

  @Test
  void missingFile() {
    Path file = dir.resolve("missing.pt");
    assertFails(file, "Cannot load model " + file + ": no such file");
  }

  @Test
  void corruptTorchScript() throws IOException {
    assertFails(randomBytes("corrupt.pt"), "Cannot load model ");
  }

  @Test
  void corruptOnnx() throws IOException {
    assertFails(randomBytes("corrupt.onnx"), "Cannot load model ");
  }

  @Test
  void corruptNpz() throws IOException {
    assertFails(randomBytes("corrupt.npz"), "not a zip archive");
  }

  @Test
  void npzWithOtherWeights() throws IOException {
    Path file =
        NpzReaderTest.writeNpz(
            dir.resolve("other.npz"),
            Map.of("fc.weight.npy", NpzReaderTest.npy(1, "<f4", "(1,)", new byte[4])));
    assertFails(file, "missing array 'conv1.conv2d.weight' (it holds [fc.weight])");
  }

  @Test
  void unknownExtension() throws IOException {
    assertFails(randomBytes("model.bin"), "unknown extension");
  }

  @Test
  void wrongChannelCount() {
    Path file = TestModels.file("fewshot_lighthouse.pt");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StyleModel.load(file, ModelSpec.defaults(ModelFormat.TORCHSCRIPT), CPU));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot load model " + file + ": a test forward pass with 3 input channels"),
        e.getMessage());
    assertTrue(e.getMessage().contains("input.channels"), e.getMessage());
  }

  @Test
  void halfPrecisionOfATorchScriptModel() {
    Path file = TestModels.file("mosaic.pt");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StyleModel.load(file, new ModelOptions("gpu:0", true, 0, 1)));
    assertTrue(
        e.getMessage().contains(file + ": half precision needs an .npz model"), e.getMessage());
  }

  private Path randomBytes(String name) throws IOException {
    byte[] bytes = new byte[4096];
    new Random(name.hashCode()).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertFails(Path file, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StyleModel.load(file, CPU));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
