package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The block against the three layers it replaces, spelled out: nearest upsampling by 2 (PyTorch's
 * own interpolation), {@link ReflectionPad2d} of 1 and a 3×3 convolution, in float64 (PyTorch's
 * exact convolution) on odd and even sizes; and its inference form against its training form (the
 * three layers themselves) in float32.
 */
class UpsampleConv2dTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    Engine.getEngine("PyTorch").setRandomSeed(5);
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void equalsUpsamplingReflectionPaddingAndConvolution() {
    for (long[] size : new long[][] {{2, 5, 7, 6}, {1, 3, 1, 4}, {1, 8, 4, 4}}) {
      NDArray x = float64(manager.randomUniform(-1, 1, new Shape(size)));
      NDArray w = float64(manager.randomUniform(-1, 1, new Shape(4, size[1], 3, 3)));
      NDArray b = float64(manager.randomUniform(-1, 1, new Shape(4)));
      NDArray ours = block(w, b).forward(store(), new NDList(x), false).head();
      assertArrayEquals(
          new long[] {size[0], 4, 2 * size[2], 2 * size[3]}, ours.getShape().getShape());
      assertClose(replacedLayers(x, w, b), ours, 1e-12, "at " + new Shape(size));
    }
  }

  @Test
  void givesAChannelsLastInputTheValuesOfItsContiguousCopy() {
    NDArray nhwc = manager.randomUniform(-1, 1, new Shape(1, 6, 5, 3));
    NDArray view = nhwc.transpose(0, 3, 1, 2);
    NDArray contiguous = manager.create(view.toFloatArray(), view.getShape());
    NDArray w = manager.randomUniform(-1, 1, new Shape(2, 3, 3, 3));
    NDArray b = manager.randomUniform(-1, 1, new Shape(2));
    assertClose(
        block(w, b).forward(store(), new NDList(contiguous), false).head(),
        block(w, b).forward(store(), new NDList(view), false).head(),
        1e-5,
        "channels-last input");
  }

  @Test
  void infersWhatItTrains() {
    NDArray x = manager.randomUniform(-1, 1, new Shape(2, 16, 9, 10));
    NDArray w = manager.randomUniform(-0.2f, 0.2f, new Shape(5, 16, 3, 3));
    NDArray b = manager.randomUniform(-0.2f, 0.2f, new Shape(5));
    UpsampleConv2d block = block(w, b);
    assertClose(
        block.forward(store(), new NDList(x), true).head(),
        block.forward(store(), new NDList(x), false).head(),
        1e-5,
        "inference against training, float32");
  }

  private static NDArray replacedLayers(NDArray x, NDArray w, NDArray b) {
    Shape s = x.getShape();
    NDArray upsampled =
        x.getNDArrayInternal().interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, 0, false);
    return Conv2d.conv2d(ReflectionPad2d.pad(upsampled, 1), w, b).head();
  }

  private static UpsampleConv2d block(NDArray w, NDArray b) {
    UpsampleConv2d block = new UpsampleConv2d((int) w.getShape().get(0));
    block.weight().setArray(w);
    block.bias().setArray(b);
    return block;
  }

  private static NDArray float64(NDArray x) {
    return x.toType(DataType.FLOAT64, false);
  }

  private static ParameterStore store() {
    return new ParameterStore(manager, false);
  }

  private static void assertClose(NDArray expected, NDArray actual, double tolerance, String what) {
    NDArray exact = expected.toType(DataType.FLOAT64, false);
    double error =
        actual.toType(DataType.FLOAT64, false).sub(exact).abs().max().getDouble()
            / exact.abs().max().getDouble();
    assertTrue(error < tolerance, what + ": relative error " + error);
  }
}
