package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled default model: small, the student's shape, and it stylizes on the CPU. */
class DefaultModelTest {
  @TempDir Path dir;

  @Test
  void isASmallStudentTransformerNet() throws Exception {
    byte[] bytes = DefaultModel.bytes();
    assertTrue(bytes.length < 1_000_000, bytes.length + " bytes");
    assertEquals(
        new NetShape(8, 16, 32, 3),
        NetShape.of(
            NpzReader.read(new ByteArrayInputStream(bytes), DefaultModel.NAME), DefaultModel.NAME));
  }

  @Test
  void isWrittenOutOnceAndStylizesAFrame() throws Exception {
    Path file = DefaultModel.writeTo(dir);
    assertEquals(dir.resolve(DefaultModel.NAME), file);
    assertArrayEquals(DefaultModel.bytes(), Files.readAllBytes(file));
    long written = Files.getLastModifiedTime(file).toMillis();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    DefaultModel.writeTo(dir);
    assertEquals(written - 60_000, Files.getLastModifiedTime(file).toMillis(), "kept as it was");

    int width = 96;
    int height = 64;
    byte[] frame = TestFrames.scene(width, height, 3);
    try (StyleModel model = StyleModel.load(file, ModelOptions.cpu());
        Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      byte[] stylized =
          predictor.predict(FrameBatch.of(width, height, List.of(frame))).frames().get(0);
      double difference = 0;
      for (int i = 0; i < frame.length; i++) {
        difference += Math.abs((frame[i] & 0xff) - (stylized[i] & 0xff));
      }
      assertTrue(difference / frame.length > 20, "mean difference " + difference / frame.length);
    }
  }
}
