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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code TransformerNet} of pytorch/examples {@code fast_neural_style}, built from DJL blocks,
 * of any {@link NetShape}: reflection padding before every unpadded convolution, affine instance
 * normalization, residual blocks, and nearest upsampling before the two decoder convolutions.
 * Input: NCHW RGB float in 0..255. Output: RGB 0..255, not clamped, of size {@code 4*ceil(H/4)} by
 * {@code 4*ceil(W/4)}. Weights are set by PyTorch {@code state_dict} name, for example from the
 * {@code .npz} files read by {@link NpzReader}. The blocks free intermediate arrays as they go,
 * which the PyTorch engine's autograd allows (its graph holds what backward needs), so the same
 * network also trains.
 */
public final class TransformerNet {
  private final NetShape shape;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Block block;

  private record Slot(Parameter parameter, Shape shape) {}

  /** Builds fast_neural_style's network (32-64-128, 5 residual blocks) with no weights set. */
  public TransformerNet() {
    this(NetShape.FAST_NEURAL_STYLE);
  }

  /** Builds a network of the given shape with no weights set. */
  public TransformerNet(NetShape shape) {
    this.shape = shape;
    int w1 = shape.width1();
    int w2 = shape.width2();
    int w3 = shape.width3();
    SequentialBlock net =
        new ScopedSequentialBlock()
            .add(convNormRelu("conv1", "in1", 3, w1, 9, 1))
            .add(convNormRelu("conv2", "in2", w1, w2, 3, 2))
            .add(convNormRelu("conv3", "in3", w2, w3, 3, 2));
    for (int r = 1; r <= shape.residualBlocks(); r++) {
      net.add(residual("res" + r, w3));
    }
    block =
        new SampleBySampleBlock(
            net.add(upsampleConvNormRelu("deconv1", "in4", w3, w2))
                .add(upsampleConvNormRelu("deconv2", "in5", w2, w1))
                .add(conv("deconv3", w1, 3, 9, 1)));
  }

  /** The network's widths and residual blocks. */
  public NetShape shape() {
    return shape;
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

  /** The network's parameters by {@code state_dict} name, in {@code state_dict} order. */
  public Map<String, Parameter> parameters() {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    slots.forEach((name, slot) -> parameters.put(name, slot.parameter()));
    return parameters;
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
    checkWeights(arrays, source);
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

  /**
   * Checks that {@code arrays} are this network's weights: every name, and nothing else, of the
   * right shape.
   *
   * @param source names the weights' origin in error messages
   * @throws IllegalArgumentException if an array is missing, unexpected or of the wrong shape
   */
  public void checkWeights(Map<String, NpyArray> arrays, String source) {
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
  }

  private Block convNormRelu(String conv, String norm, int in, int out, int kernel, int stride) {
    return new ScopedSequentialBlock()
        .add(conv(conv, in, out, kernel, stride))
        .add(norm(norm, out))
        .add(Activation.reluBlock());
  }

  /** Nearest upsampling by 2, then {@link #convNormRelu} with a 3×3 filter, in one block. */
  private Block upsampleConvNormRelu(String conv, String norm, int in, int out) {
    UpsampleConv2d upsampleConv = new UpsampleConv2d(out);
    registerConv(conv, upsampleConv.weight(), upsampleConv.bias(), in, out, 3);
    return new ScopedSequentialBlock()
        .add(upsampleConv)
        .add(norm(norm, out))
        .add(Activation.reluBlock());
  }

  private Block residual(String name, int width) {
    Block body =
        new ScopedSequentialBlock()
            .add(conv(name + ".conv1", width, width, 3, 1))
            .add(norm(name + ".in1", width))
            .add(Activation.reluBlock())
            .add(conv(name + ".conv2", width, width, 3, 1))
            .add(norm(name + ".in2", width));
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
    ChannelPaddedConv2d conv = new ChannelPaddedConv2d(out, stride);
    registerConv(name, conv.weight(), conv.bias(), in, out, kernel);
    return new ScopedSequentialBlock().add(new ReflectionPad2d(kernel / 2)).add(conv);
  }

  /** A convolution's filters and biases, as {@code name.conv2d.weight} and {@code .bias}. */
  private void registerConv(
      String name, Parameter weight, Parameter bias, int in, int out, int kernel) {
    register(name + ".conv2d.weight", weight, new Shape(out, in, kernel, kernel));
    register(name + ".conv2d.bias", bias, new Shape(out));
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
