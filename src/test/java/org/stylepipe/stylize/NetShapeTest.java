package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stylepipe.train.InitialWeights;

class NetShapeTest {
  @Test
  void readsFastNeuralStyleFromTheMosaicWeights() throws IOException {
    Map<String, NpyArray> mosaic = NpzReader.read(TestModels.file("mosaic.npz"));
    assertEquals(NetShape.FAST_NEURAL_STYLE, NetShape.of(mosaic, "mosaic.npz"));
    assertEquals(1_679_235, NetShape.FAST_NEURAL_STYLE.parameterCount());
  }

  @Test
  void readsAnyWidthsAndBlocksFromTheArrayShapes() {
    NetShape student = new NetShape(8, 16, 32, 3);
    Map<String, NpyArray> weights = InitialWeights.of(student, 1);
    assertEquals(student, NetShape.of(weights, "student"));
    long count = weights.values().stream().mapToLong(a -> a.data().length).sum();
    assertEquals(count, student.parameterCount());
    Map<String, Shape> shapes = new TransformerNet(student).parameterShapes();
    assertEquals(shapes.keySet(), weights.keySet());
    assertEquals(new Shape(3, 8, 9, 9), shapes.get("deconv3.conv2d.weight"));
    assertEquals(new Shape(32, 32, 3, 3), shapes.get("res3.conv2.conv2d.weight"));
    assertEquals(
        new NetShape(4, 4, 4, 0), NetShape.of(InitialWeights.of(new NetShape(4, 4, 4, 0), 1), "s"));
  }

  @Test
  void namesAMissingEncoderConvolution() {
    Map<String, NpyArray> weights =
        new LinkedHashMap<>(InitialWeights.of(new NetShape(8, 16, 32, 1), 1));
    weights.remove("conv2.conv2d.weight");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NetShape.of(weights, "x.npz"));
    assertTrue(e.getMessage().contains("x.npz") && e.getMessage().contains("conv2.conv2d.weight"));
  }

  @Test
  void initialWeightsFollowPyTorchDefaultsAndTheSeed() {
    NetShape shape = new NetShape(8, 16, 32, 1);
    Map<String, NpyArray> a = InitialWeights.of(shape, 7);
    float[] conv2 = a.get("conv2.conv2d.weight").data();
    double bound = 1 / Math.sqrt(8 * 9);
    for (float v : conv2) {
      assertTrue(Math.abs(v) <= bound);
    }
    assertEquals(1f, a.get("in1.weight").data()[0]);
    assertEquals(0f, a.get("in1.bias").data()[0]);
    assertEquals(conv2[5], InitialWeights.of(shape, 7).get("conv2.conv2d.weight").data()[5]);
    assertTrue(conv2[5] != InitialWeights.of(shape, 8).get("conv2.conv2d.weight").data()[5]);
  }
}
