package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stylepipe.train.InitialWeights;

/**
 * Gradients of the training path against a float64 evaluation of the same network (float64 runs
 * PyTorch's own convolution, not oneDNN's). Without the channel padding, a 16-to-8-channel
 * convolution's input gradient was wrong in 17 of 20 passes here (relative error up to 0.8, NaN in
 * 3), and TransformerNet's in about one pass in three.
 */
class ChannelPaddedConv2dTest {
  private static final double TOLERANCE = 1e-3;

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    Engine.getEngine("PyTorch").setRandomSeed(11);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void inputAndWeightGradientsMatchFloat64ForEightOutputChannels() {
    for (int trial = 0; trial < 6; trial++) {
      NDArray x = manager.randomUniform(-1, 1, new Shape(2, 16, 34, 34));
      NDArray w = manager.randomUniform(-0.1f, 0.1f, new Shape(8, 16, 3, 3));
      NDArray b = manager.randomUniform(-0.1f, 0.1f, new Shape(8));
      NDArray r = manager.randomUniform(-1, 1, new Shape(2, 8, 32, 32));
      NDList single = convGradients(x, w, b, r, DataType.FLOAT32);
      NDList exact = convGradients(x, w, b, r, DataType.FLOAT64);
      assertClose(exact.get(0), single.get(0), "input gradient, pass " + trial);
      assertClose(exact.get(1), single.get(1), "weight gradient, pass " + trial);
    }
  }

  @Test
  void transformerNetGradientsMatchFloat64() {
    NetShape shape = new NetShape(8, 16, 32, 2);
    for (int trial = 0; trial < 3; trial++) {
      Map<String, NpyArray> weights = InitialWeights.of(shape, trial);
      NDArray x = manager.randomUniform(0, 255, new Shape(2, 3, 40, 56));
      NDArray r = manager.randomUniform(-1, 1, new Shape(2, 3, 40, 56));
      Map<String, NDArray> single = netGradients(shape, weights, x, r, DataType.FLOAT32);
      Map<String, NDArray> exact = netGradients(shape, weights, x, r, DataType.FLOAT64);
      double largest = 0;
      for (NDArray g : exact.values()) {
        largest = Math.max(largest, g.abs().max().getDouble());
      }
      for (String name : exact.keySet()) {
        // A convolution bias before an instance norm has no effect, so its true gradient is 0:
        // compare against a thousandth of the largest gradient there.
        double scale = Math.max(exact.get(name).abs().max().getDouble(), 1e-3 * largest);
        double error = single.get(name).sub(exact.get(name)).abs().max().getDouble() / scale;
        assertTrue(error < TOLERANCE, name + ", pass " + trial + ": relative error " + error);
      }
    }
  }

  private static NDList convGradients(
      NDArray x0, NDArray w0, NDArray b0, NDArray r, DataType type) {
    ChannelPaddedConv2d conv = new ChannelPaddedConv2d(8, 1);
    NDArray x = leaf(x0, type);
    NDArray w = leaf(w0, type);
    conv.weight().setArray(w);
    conv.bias().setArray(leaf(b0, type));
    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDArray y =
          conv.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
      collector.backward(y.mul(r.toType(type, true)).sum());
    }
    return new NDList(
        x.getGradient().toType(DataType.FLOAT64, true),
        w.getGradient().toType(DataType.FLOAT64, true));
  }

  private static Map<String, NDArray> netGradients(
      NetShape shape, Map<String, NpyArray> weights, NDArray x, NDArray r, DataType type) {
    TransformerNet net = new TransformerNet(shape);
    try (Model model = Model.newInstance("student", Device.cpu(), "PyTorch")) {
      model.setBlock(net.block());
      net.setWeights(manager, weights, type, "initial weights");
      net.parameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray y =
            net.block()
                .forward(new ParameterStore(manager, false), new NDList(x.toType(type, true)), true)
                .singletonOrThrow();
        collector.backward(y.mul(r.toType(type, true)).sum());
      }
      Map<String, NDArray> gradients = new LinkedHashMap<>();
      net.parameters()
          .forEach(
              (name, p) ->
                  gradients.put(name, p.getArray().getGradient().toType(DataType.FLOAT64, true)));
      return gradients;
    }
  }

  private static NDArray leaf(NDArray value, DataType type) {
    NDArray leaf = value.toType(type, true);
    leaf.setRequiresGradient(true);
    return leaf;
  }

  private static void assertClose(NDArray exact, NDArray actual, String what) {
    double error = actual.sub(exact).abs().max().getDouble() / exact.abs().max().getDouble();
    assertTrue(error < TOLERANCE, what + ": relative error " + error);
  }
}
