package org.stylepipe.stylize;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An unpadded 2-D convolution that, when training on the CPU, computes as if it had a multiple of
 * {@value #CHANNEL_BLOCK} output channels: its filters are extended by all-zero filters and the
 * extra output channels cut off again. The result and the gradients are those of the plain
 * convolution.
 *
 * <p>Why: the oneDNN kernels of the PyTorch engine's CPU library (libtorch 2.7.1, oneDNN 3.7.1)
 * compute the <em>input</em> gradient of a stride-1 convolution wrongly when the output channels
 * are not a multiple of the SIMD block (16 with AVX-512, 8 with AVX2): the padded part of a blocked
 * buffer is not zero, so stale values (and, where the memory was never written, NaN) enter the
 * gradient. Measured against a float64 evaluation: relative errors up to 1.0 in most passes, NaN in
 * some, more often with 2 threads than with 1; forward values and weight gradients are right.
 * TransformerNet's last convolution has 3 output channels, so every earlier layer would learn from
 * wrong gradients. Inference and other devices take the plain convolution.
 */
final class ChannelPaddedConv2d extends AbstractBlock {
  /** Output channels are padded to a multiple of this when training on the CPU. */
  static final int CHANNEL_BLOCK = 16;

  private final int filters;
  private final Shape stride;
  private final Parameter weight;
  private final Parameter bias;

  ChannelPaddedConv2d(int filters, int stride) {
    this.filters = filters;
    this.stride = new Shape(stride, stride);
    weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  Parameter weight() {
    return weight;
  }

  Parameter bias() {
    return bias;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
    NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
    int extra = Math.floorMod(-filters, CHANNEL_BLOCK);
    if (!training || extra == 0 || !Device.Type.CPU.equals(x.getDevice().getDeviceType())) {
      return Conv2d.conv2d(x, w, b, stride);
    }
    Shape filter = w.getShape();
    NDArray paddedWeight =
        NDArrays.concat(
            new NDList(
                w,
                w.getManager()
                    .zeros(new Shape(extra, filter.get(1), filter.get(2), filter.get(3)))),
            0);
    NDArray paddedBias = NDArrays.concat(new NDList(b, b.getManager().zeros(new Shape(extra))), 0);
    NDArray all = Conv2d.conv2d(x, paddedWeight, paddedBias, stride).singletonOrThrow();
    return new NDList(all.get(new NDIndex().addAllDim().addSliceDim(0, filters)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    Shape k = weight.getArray().getShape();
    return new Shape[] {
      new Shape(
          s.get(0),
          filters,
          (s.get(2) - k.get(2)) / stride.get(0) + 1,
          (s.get(3) - k.get(3)) / stride.get(1) + 1)
    };
  }
}
