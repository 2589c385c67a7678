package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code TransformerNet} of pytorch/examples {@code fast_neural_style}, built from DJL blocks:
 * reflection padding before every unpadded convolution, affine instance normalization, five
 * residual blocks, and nearest upsampling before the two decoder convolutions. Input: NCHW RGB
 * float in 0..255. Output: RGB 0..255, not clamped, of size {@code 4*ceil(H/4)} by {@code
 * 4*ceil(W/4)}. Weights are set by PyTorch {@code state_dict} name, for example from the {@code
 * .npz} files read by {@link NpzReader}. For inference only.
 */
public final class TransformerNet {
  private static final int RESIDUAL_BLOCKS = 5;

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Block block;

  private record Slot(Parameter parameter, Shape shape) {}

  /** Builds the network with no weights set. */
  public TransformerNet() {
    SequentialBlock net =
        new ScopedSequentialBlock()
            .add(convNormRelu("conv1", "in1", 3, 32, 9, 1))
            .add(convNormRelu("conv2", "in2", 32, 64, 3, 2))
            .add(convNormRelu("conv3", "in3", 64, 128, 3, 2));
    for (int r = 1; r <= RESIDUAL_BLOCKS; r++) {
      net.add(residual("res" + r));
    }
    block =
        net.add(
                new ScopedSequentialBlock()
                    .add(new Upsample2x())
                    .add(convNormRelu("deconv1", "in4", 128, 64, 3, 1)))
            .add(
                new ScopedSequentialBlock()
                    .add(new Upsample2x())
                    .add(convNormRelu("deconv2", "in5", 64, 32, 3, 1)))
            .add(conv("deconv3", 32, 3, 9, 1));
  }

  /**
   * The network; give it to a DJL {@code Model} or {@code Criteria}, then call {@link #setWeights}.
   */
  public Block block() {
    return block;
  }

  /** The {@code state_dict} names and shapes the network needs, in {@code state_dict} order. */
  public Map<String, Shape> parameterShapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    slots.forEach((name, slot) -> shapes.put(name, slot.shape()));
    return shapes;
  }

  /**
   * Sets every weight from {@code arrays}, by {@code state_dict} name, as arrays of {@code manager}
   * of type {@code dataType}. Checks all names and shapes before creating any array.
   *
   * @param source names the weights' origin in error messages
   * @throws IllegalArgumentException if an array is missing, unexpected or of the wrong shape
   */
  public void setWeights(
      NDManager manager, Map<String, NpyArray> arrays, DataType dataType, String source) {
    Set<String> unexpected = new TreeSet<>(arrays.keySet());
    unexpected.removeAll(slots.keySet());
    if (!unexpected.isEmpty()) {
      throw invalid(source, "unexpected arrays " + unexpected);
    }
    slots.forEach(
        (name, slot) -> {
          NpyArray array = arrays.get(name);
          if (array == null) {
            throw invalid(source, "missing array '" + name + "'");
          }
          if (!Arrays.equals(array.shape(), slot.shape().getShape())) {
            throw invalid(
                source,
                "array '"
                    + name
                    + "' has shape "
                    + Arrays.toString(array.shape())
                    + ", expected "
                    + slot.shape());
          }
        });
    slots.forEach(
        (name, slot) -> {
          NDArray value = manager.create(arrays.get(name).data(), slot.shape());
          if (dataType != DataType.FLOAT32) {
            NDArray cast = value.toType(dataType, false);
            value.close();
            value = cast;
          }
          slot.parameter().setArray(value);
        });
  }

  private Block convNormRelu(String conv, String norm, int in, int out, int kernel, int stride) {
    return new ScopedSequentialBlock()
        .add(conv(conv, in, out, kernel, stride))
        .add(norm(norm, out))
        .add(Activation.reluBlock());
  }

  private Block residual(String name) {
    Block body =
        new ScopedSequentialBlock()
            .add(conv(name + ".conv1", 128, 128, 3, 1))
            .add(norm(name + ".in1", 128))
            .add(Activation.reluBlock())
            .add(conv(name + ".conv2", 128, 128, 3, 1))
            .add(norm(name + ".in2", 128));
    // The body's output is its own new array: the identity is added to it in place.
    return new ParallelBlock(
        branches ->
            new NDList(branches.get(0).singletonOrThrow().addi(branches.get(1).singletonOrThrow())),
        List.of(body, Blocks.identityBlock()));
  }

  /**
   * Reflection padding of {@code kernel / 2}, then an unpadded convolution named {@code
   * name.conv2d}.
   */
  private Block conv(String name, int in, int out, int kernel, int stride) {
    Conv2d conv =
        Conv2d.builder()
            .setKernelShape(new Shape(kernel, kernel))
            .setFilters(out)
            .optStride(new Shape(stride, stride))
            .build();
    register(
        name + ".conv2d.weight",
        conv.getParameters().get("weight"),
        new Shape(out, in, kernel, kernel));
    register(name + ".conv2d.bias", conv.getParameters().get("bias"), new Shape(out));
    return new ScopedSequentialBlock().add(new ReflectionPad2d(kernel / 2)).add(conv);
  }

  private Block norm(String name, int channels) {
    InstanceNorm2d norm = new InstanceNorm2d();
    register(name + ".weight", norm.getParameters().get("weight"), new Shape(channels));
    register(name + ".bias", norm.getParameters().get("bias"), new Shape(channels));
    return norm;
  }

  private void register(String name, Parameter parameter, Shape shape) {
    slots.put(name, new Slot(parameter, shape));
  }

  private static IllegalArgumentException invalid(String source, String reason) {
    return new IllegalArgumentException(
        "Cannot set TransformerNet weights from " + source + ": " + reason);
  }
}
