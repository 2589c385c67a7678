package org.stylepipe.stylize;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * The size of a {@link TransformerNet}: the widths of its three encoder convolutions (the decoder
 * mirrors them) and its number of residual blocks. fast_neural_style's is 32-64-128 with 5 blocks.
 *
 * @param width1 channels of {@code conv1} (and {@code deconv2})
 * @param width2 channels of {@code conv2} (and {@code deconv1})
 * @param width3 channels of {@code conv3} and of the residual blocks
 * @param residualBlocks number of residual blocks, {@code res1} to {@code resN}
 */
public record NetShape(int width1, int width2, int width3, int residualBlocks)
    implements Serializable {
  /** The network of pytorch/examples {@code fast_neural_style}. */
  public static final NetShape FAST_NEURAL_STYLE = new NetShape(32, 64, 128, 5);

  public NetShape {
    if (width1 < 1 || width2 < 1 || width3 < 1 || residualBlocks < 0) {
      throw new IllegalArgumentException(
          "Cannot build a TransformerNet of widths "
              + width1
              + "-"
              + width2
              + "-"
              + width3
              + " with "
              + residualBlocks
              + " residual blocks: widths must be at least 1, blocks at least 0");
    }
  }

  /**
   * The shape of the network whose {@code state_dict} arrays are {@code arrays}: the widths from
   * the output channels of {@code conv1} to {@code conv3}, the blocks by counting {@code res1},
   * {@code res2}, … in turn. The other arrays are checked when the weights are set.
   *
   * @param source names the arrays' origin in error messages
   * @throws IllegalArgumentException if an encoder convolution is missing or not 4-dimensional
   */
  public static NetShape of(Map<String, NpyArray> arrays, String source) {
    int blocks = 0;
    while (arrays.containsKey("res" + (blocks + 1) + ".conv1.conv2d.weight")) {
      blocks++;
    }
    return new NetShape(
        outChannels(arrays, "conv1", source),
        outChannels(arrays, "conv2", source),
        outChannels(arrays, "conv3", source),
        blocks);
  }

  private static int outChannels(Map<String, NpyArray> arrays, String conv, String source) {
    NpyArray weight = arrays.get(conv + ".conv2d.weight");
    if (weight == null) {
      throw new IllegalArgumentException(
          "Cannot set TransformerNet weights from "
              + source
              + ": missing array '"
              + conv
              + ".conv2d.weight' (it holds "
              + arrays.keySet().stream().limit(5).toList()
              + (arrays.size() > 5 ? " and " + (arrays.size() - 5) + " more" : "")
              + ")");
    }
    if (weight.shape().length != 4) {
      throw new IllegalArgumentException(
          "Cannot set TransformerNet weights from "
              + source
              + ": array '"
              + conv
              + ".conv2d.weight' has shape "
              + Arrays.toString(weight.shape())
              + ", expected 4 dimensions");
    }
    return Math.toIntExact(weight.shape()[0]);
  }

  /** Parameters of the network of this shape. */
  public long parameterCount() {
    long count = conv(3, width1, 9) + conv(width1, width2, 3) + conv(width2, width3, 3);
    count += 2L * (width1 + width2 + width3);
    count += residualBlocks * 2L * (conv(width3, width3, 3) + 2L * width3);
    count += conv(width3, width2, 3) + conv(width2, width1, 3) + conv(width1, 3, 9);
    return count + 2L * (width2 + width1);
  }

  private static long conv(int in, int out, int kernel) {
    return (long) in * out * kernel * kernel + out;
  }

  @Override
  public String toString() {
    return width1 + "-" + width2 + "-" + width3 + " with " + residualBlocks + " residual blocks";
  }
}
