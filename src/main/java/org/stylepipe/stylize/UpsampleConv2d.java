package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Nearest-neighbour upsampling by 2, reflection padding of 1 and a 3×3 convolution, as
 * TransformerNet's decoder does them; in inference on the CPU computed without the upsampled array.
 * Each output pixel of row parity r and column parity s sees a 2×2 window of the input: the 3×3
 * filter's taps that fall on the same input row or column add up, and at the borders the reflection
 * of the upsampled array is the input's edge repeated. So one convolution with four 2×2 filters per
 * output channel (one per parity), over the input padded by repeating its edge, gives the four
 * interleaved phases of the output: 2.25 times fewer multiply-adds than the 3×3 convolution of the
 * upsampled array, and no upsampled or padded copy of it.
 *
 * <p>Training and GPUs run the three layers themselves. Through the 2×2 form the CPU engine's
 * backward passes made a student's training unrepeatable (the same seed's losses parted after 24
 * steps, depending on what ran before in the JVM), a sign of the stale memory {@link
 * ChannelPaddedConv2d} describes; on GPUs the 2×2 form is unmeasured.
 */
final class UpsampleConv2d extends AbstractBlock {
  /**
   * Per row (or column) parity, the 2-tap filter over input rows {@code m-1+r, m+r} as sums of the
   * 3 taps: parity 0 sees rows m-1, m, m (taps 1 and 2 on the same row), parity 1 rows m, m, m+1.
   */
  private static final float[][] TAPS = {{1, 0, 0, 0, 1, 1}, {1, 1, 0, 0, 0, 1}};

  /** {@code NDArrayEx.interpolation}'s mode for nearest neighbour. */
  private static final int NEAREST = 0;

  private final int filters;
  private final ChannelPaddedConv2d conv;

  UpsampleConv2d(int filters) {
    this.filters = filters;
    conv = addChildBlock("conv", new ChannelPaddedConv2d(filters, 1));
  }

  Parameter weight() {
    return conv.weight();
  }

  Parameter bias() {
    return conv.bias();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (training || x.getDevice().isGpu()) {
      Shape s = x.getShape();
      NDArray upsampled =
          x.getNDArrayInternal()
              .interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, NEAREST, false);
      return conv.forward(
          parameterStore, new NDList(ReflectionPad2d.pad(upsampled, 1)), training, params);
    }
    NDArray w = parameterStore.getValue(conv.weight(), x.getDevice(), false);
    NDArray b = parameterStore.getValue(conv.bias(), x.getDevice(), false);
    NDArray phases =
        Conv2d.conv2d(edgePadded(x), phaseFilters(w, x.getManager()), b.tile(4)).singletonOrThrow();
    return new NDList(interleave(phases, x.getShape()));
  }

  /**
   * The four parities' 2×2 filters, parity (r, s) as output channels {@code (2r + s) * filters} on:
   * row taps by r and column taps by s applied to the 3×3 filter.
   */
  private static NDArray phaseFilters(NDArray w, NDManager manager) {
    NDArray[] taps = new NDArray[2];
    for (int parity = 0; parity < 2; parity++) {
      taps[parity] = manager.create(TAPS[parity], new Shape(2, 3)).toType(w.getDataType(), false);
    }
    NDList phases = new NDList();
    for (int r = 0; r < 2; r++) {
      NDArray rows = taps[r].matMul(w);
      for (int s = 0; s < 2; s++) {
        phases.add(rows.matMul(taps[s].transpose()));
      }
    }
    return NDArrays.concat(phases, 0);
  }

  /** The input padded by 1 on each side with its edge rows and columns repeated. */
  private static NDArray edgePadded(NDArray x) {
    long height = x.getShape().get(2);
    long width = x.getShape().get(3);
    NDArray columns = NDArrays.concat(new NDList(column(x, 0), x, column(x, width - 1)), 3);
    return NDArrays.concat(new NDList(row(columns, 0), columns, row(columns, height - 1)), 2);
  }

  private static NDArray row(NDArray x, long index) {
    return x.get(new NDIndex().addAllDim(2).addSliceDim(index, index + 1));
  }

  private static NDArray column(NDArray x, long index) {
    return x.get(new NDIndex().addAllDim(3).addSliceDim(index, index + 1));
  }

  /**
   * The output of twice the input's height and width: phase (r, s), of size {@code (H+1) × (W+1)}
   * from the padded input, gives the output pixels {@code (2m + r, 2n + s)} from its pixel {@code
   * (m + r, n + s)}. The activations are channels-last on the CPU ({@link StyleTranslator}): the
   * output is written in NHWC memory and returned as its NCHW view.
   */
  private NDArray interleave(NDArray phases, Shape input) {
    long height = input.get(2);
    long width = input.get(3);
    NDArray nhwc = phases.transpose(0, 2, 3, 1);
    NDArray out =
        phases
            .getManager()
            .create(
                new Shape(input.get(0), 2 * height, 2 * width, filters),
                phases.getDataType(),
                phases.getDevice());
    for (int r = 0; r < 2; r++) {
      for (int s = 0; s < 2; s++) {
        long channel = (2L * r + s) * filters;
        NDArray phase =
            nhwc.get(
                new NDIndex()
                    .addAllDim()
                    .addSliceDim(r, r + height)
                    .addSliceDim(s, s + width)
                    .addSliceDim(channel, channel + filters));
        out.set(
            new NDIndex()
                .addAllDim()
                .addSliceDim(r, 2 * height, 2)
                .addSliceDim(s, 2 * width, 2)
                .addAllDim(),
            phase);
      }
    }
    return out.transpose(0, 3, 1, 2);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    conv.initialize(
        manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) * 2 + 2, s.get(3) * 2 + 2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), filters, s.get(2) * 2, s.get(3) * 2)};
  }
}
