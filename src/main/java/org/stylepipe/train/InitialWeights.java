package org.stylepipe.train;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.stylepipe.stylize.NetShape;
import org.stylepipe.stylize.NpyArray;
import org.stylepipe.stylize.TransformerNet;

/**
 * A student's weights before training, as PyTorch initializes the layers of {@code TransformerNet}:
 * convolution weights and biases uniform in ±1/√fan-in (fan-in = input channels × kernel area),
 * instance-norm scales 1 and shifts 0; except that the output convolution starts at mid-grey
 * ({@value #OUTPUT_BIAS}) with weights {@value #OUTPUT_GAIN} times larger. The network's output is
 * in 0..255 and Adam moves a weight by about the learning rate per step, so from PyTorch's
 * initialization the output would take thousands of steps just to reach its range. Drawn in Java
 * from the seed, so they do not depend on the engine or the device.
 */
public final class InitialWeights {
  static final float OUTPUT_BIAS = 127.5f;
  static final float OUTPUT_GAIN = 32f;
  private static final String OUTPUT = "deconv3.conv2d.";

  private InitialWeights() {}

  /** The weights of a network of {@code shape}, by {@code state_dict} name, from {@code seed}. */
  public static Map<String, NpyArray> of(NetShape shape, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Shape> shapes = new TransformerNet(shape).parameterShapes();
    Map<String, NpyArray> weights = new LinkedHashMap<>();
    for (Map.Entry<String, Shape> entry : shapes.entrySet()) {
      String name = entry.getKey();
      Shape s = entry.getValue();
      float[] values = new float[Math.toIntExact(s.size())];
      if (name.endsWith(".conv2d.weight") || name.endsWith(".conv2d.bias")) {
        Shape weight = shapes.get(name.replace(".bias", ".weight"));
        double bound = 1 / Math.sqrt(weight.get(1) * weight.get(2) * weight.get(3));
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextDouble(-bound, bound);
        }
      } else if (name.endsWith(".weight")) {
        Arrays.fill(values, 1f);
      }
      if (name.equals(OUTPUT + "bias")) {
        Arrays.fill(values, OUTPUT_BIAS);
      } else if (name.equals(OUTPUT + "weight")) {
        for (int i = 0; i < values.length; i++) {
          values[i] *= OUTPUT_GAIN;
        }
      }
      weights.put(name, new NpyArray("<f4", s.getShape(), values));
    }
    return weights;
  }
}
