package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.inference.Predictor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {

  @Test
  void survivesJavaSerializationAndLoadsOncePerJvm() throws Exception {
    Path file = TestModels.file("mosaic.onnx");
    ModelLoader loader = ModelLoader.of(file, ModelOptions.cpu());
    ModelLoader copy = roundTrip(loader);
    ModelLoader other =
        new ModelLoader(
            Path.of("..", "shared", "models", ".", "mosaic.onnx"),
            ModelSpec.defaults(ModelFormat.ONNX),
            ModelOptions.cpu());

    assertEquals(loader.spec(), copy.spec());
    StyleModel model = copy.model();
    assertSame(model, loader.model());
    assertSame(model, other.model());
    assertSame(model, roundTrip(copy).model());

    try (Predictor<FrameBatch, FrameBatch> predictor = copy.newPredictor()) {
      FrameBatch out =
          predictor.predict(FrameBatch.of(32, 24, List.of(TestFrames.scene(32, 24, 9))));
      assertEquals(32 * 24 * 3, out.frames().get(0).length);
    }
  }

  private static ModelLoader roundTrip(ModelLoader loader)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(loader);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ModelLoader) in.readObject();
    }
  }
}
