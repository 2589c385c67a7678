package org.stylepipe.stylize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link TransformerNet} as an ONNX model that ONNX Runtime and game engines (Unity's
 * Sentis/Barracuda) load: IR version 8, opset 17, the operators {@code Pad} (reflect), {@code
 * Conv}, {@code InstanceNormalization}, {@code Relu}, {@code Add} and {@code Resize} (nearest,
 * scales 2), float32 initializers named by {@code state_dict} name. Input {@code input} and output
 * {@code output} are float32 {@code [N,3,H,W]} RGB in 0..255 with symbolic N, H and W; the output
 * is not clamped, and is {@code 4*ceil(H/4)} by {@code 4*ceil(W/4)}, as the network gives it.
 */
public final class OnnxExport {
  private static final int IR_VERSION = 8;
  private static final int OPSET = 17;
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int ATTRIBUTE_FLOAT = 1;
  private static final int ATTRIBUTE_STRING = 3;
  private static final int ATTRIBUTE_INTS = 7;

  private final Map<String, NpyArray> weights;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private int names;

  private OnnxExport(Map<String, NpyArray> weights) {
    this.weights = weights;
  }

  /**
   * The ONNX model of the network with these weights, as the bytes of an {@code .onnx} file.
   *
   * @param weights by {@code state_dict} name, as {@link NpzReader} reads them
   * @throws IllegalArgumentException if the weights are not a TransformerNet's
   */
  public static byte[] of(Map<String, NpyArray> weights, String producerVersion) {
    NetShape shape = NetShape.of(weights, "the exported weights");
    new TransformerNet(shape).checkWeights(weights, "the exported weights");
    return new OnnxExport(weights).model(shape, producerVersion);
  }

  private byte[] model(NetShape shape, String producerVersion) {
    String x = "input";
    x = convNormRelu(x, "conv1", "in1", 9, 1);
    x = convNormRelu(x, "conv2", "in2", 3, 2);
    x = convNormRelu(x, "conv3", "in3", 3, 2);
    for (int r = 1; r <= shape.residualBlocks(); r++) {
      String res = "res" + r;
      String body = convNormRelu(x, res + ".conv1", res + ".in1", 3, 1);
      body = norm(conv(body, res + ".conv2", 3, 1), res + ".in2");
      x = node("Add", List.of(body, x), List.of());
    }
    x = convNormRelu(upsample(x), "deconv1", "in4", 3, 1);
    x = convNormRelu(upsample(x), "deconv2", "in5", 3, 1);
    String last = conv(x, "deconv3", 9, 1);
    // The graph's output is named "output": an Identity gives the last conv's result that name.
    nodes.add(
        new ProtoWriter()
            .string(1, last)
            .string(2, "output")
            .string(3, "output")
            .string(4, "Identity"));

    ProtoWriter graph = new ProtoWriter();
    nodes.forEach(n -> graph.message(1, n));
    graph.string(2, "TransformerNet " + shape);
    initializers.forEach(t -> graph.message(5, t));
    graph.message(11, valueInfo("input", "N", "H", "W"));
    graph.message(12, valueInfo("output", "N", "H_out", "W_out"));
    return new ProtoWriter()
        .varint(1, IR_VERSION)
        .string(2, "stylepipe")
        .string(3, producerVersion)
        .message(7, graph)
        .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
        .toByteArray();
  }

  private String convNormRelu(String x, String conv, String norm, int kernel, int stride) {
    return node("Relu", List.of(norm(conv(x, conv, kernel, stride), norm)), List.of());
  }

  /** Reflection padding of kernel/2 on each side, then an unpadded convolution. */
  private String conv(String x, String name, int kernel, int stride) {
    int p = kernel / 2;
    String pads = initializer(name + ".pads", new long[] {0, 0, p, p, 0, 0, p, p});
    String padded = node("Pad", List.of(x, pads), List.of(stringAttribute("mode", "reflect")));
    String weight = initializer(name + ".conv2d.weight");
    String bias = initializer(name + ".conv2d.bias");
    return node(
        "Conv",
        List.of(padded, weight, bias),
        List.of(
            intsAttribute("kernel_shape", kernel, kernel),
            intsAttribute("strides", stride, stride)));
  }

  private String norm(String x, String name) {
    return node(
        "InstanceNormalization",
        List.of(x, initializer(name + ".weight"), initializer(name + ".bias")),
        List.of(floatAttribute("epsilon", 1e-5f)));
  }

  private String upsample(String x) {
    String scales = floatInitializer("scales" + names, new float[] {1, 1, 2, 2});
    return node(
        "Resize",
        List.of(x, "", scales),
        List.of(
            stringAttribute("mode", "nearest"),
            stringAttribute("coordinate_transformation_mode", "asymmetric"),
            stringAttribute("nearest_mode", "floor")));
  }

  /** Adds a node with one output and returns the output's name. */
  private String node(String op, List<String> inputs, List<ProtoWriter> attributes) {
    String output = op.toLowerCase(Locale.ROOT) + "_" + names++;
    ProtoWriter node = new ProtoWriter();
    inputs.forEach(i -> node.string(1, i));
    node.string(2, output).string(3, output).string(4, op);
    attributes.forEach(a -> node.message(5, a));
    nodes.add(node);
    return output;
  }

  /** The weight array {@code name} as an initializer of that name. */
  private String initializer(String name) {
    NpyArray array = weights.get(name);
    ByteBuffer raw = ByteBuffer.allocate(4 * array.data().length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(array.data());
    ProtoWriter tensor = new ProtoWriter();
    for (long dim : array.shape()) {
      tensor.varint(1, dim);
    }
    initializers.add(tensor.varint(2, FLOAT).string(8, name).bytes(9, raw.array()));
    return name;
  }

  private String floatInitializer(String name, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    initializers.add(
        new ProtoWriter()
            .varint(1, values.length)
            .varint(2, FLOAT)
            .string(8, name)
            .bytes(9, raw.array()));
    return name;
  }

  private String initializer(String name, long[] values) {
    ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializers.add(
        new ProtoWriter()
            .varint(1, values.length)
            .varint(2, INT64)
            .string(8, name)
            .bytes(9, raw.array()));
    return name;
  }

  private static ProtoWriter valueInfo(String name, String n, String h, String w) {
    ProtoWriter shape = new ProtoWriter();
    shape.message(1, new ProtoWriter().string(2, n));
    shape.message(1, new ProtoWriter().varint(1, 3));
    shape.message(1, new ProtoWriter().string(2, h));
    shape.message(1, new ProtoWriter().string(2, w));
    ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }

  private static ProtoWriter stringAttribute(String name, String value) {
    return new ProtoWriter().string(1, name).string(4, value).varint(20, ATTRIBUTE_STRING);
  }

  private static ProtoWriter floatAttribute(String name, float value) {
    return new ProtoWriter().string(1, name).float32(2, value).varint(20, ATTRIBUTE_FLOAT);
  }

  private static ProtoWriter intsAttribute(String name, long... values) {
    ProtoWriter attribute = new ProtoWriter().string(1, name);
    for (long v : values) {
      attribute.varint(8, v);
    }
    return attribute.varint(20, ATTRIBUTE_INTS);
  }
}
