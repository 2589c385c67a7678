package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Affine instance normalization of an NCHW array, like PyTorch's {@code
 * InstanceNorm2d(affine=True)} in eval mode without running statistics: {@code (x - mean) /
 * sqrt(var + 1e-5) * weight + bias}, with the mean and the biased variance taken over H and W for
 * each sample and channel. DJL has no such block; this one runs the engine's batch normalization in
 * training mode (statistics of the input itself) on the N×C planes, as PyTorch's own instance norm
 * does: one fused kernel, where the arithmetic spelled out in NDArray operations took six passes
 * over the activations. A channels-last input stays channels-last.
 */
final class InstanceNorm2d extends AbstractBlock {
  private static final float EPSILON = 1e-5f;
  private static final int CHANNEL_AXIS = 1;

  private final Parameter weight;
  private final Parameter bias;

  InstanceNorm2d() {
    weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray gamma = parameterStore.getValue(weight, x.getDevice(), training);
    NDArray beta = parameterStore.getValue(bias, x.getDevice(), training);
    long samples = x.getShape().get(0);
    if (samples == 1) {
      return new NDList(normalize(x, gamma, beta));
    }
    // The N×C planes as the channels of a single sample, without a copy where the batch is NCHW
    // (on the CPU, TransformerNet gives its layers one sample at a time: SampleBySampleBlock).
    Shape shape = x.getShape();
    NDArray planes = x.reshape(1, samples * shape.get(1), shape.get(2), -1);
    return new NDList(normalize(planes, gamma.tile(samples), beta.tile(samples)).reshape(shape));
  }

  /** Batch normalization of a single sample, with the statistics of the sample itself. */
  private static NDArray normalize(NDArray x, NDArray gamma, NDArray beta) {
    // Running statistics are required arguments; they are updated in place and thrown away.
    NDManager manager = x.getManager();
    Shape channels = new Shape(x.getShape().get(CHANNEL_AXIS));
    NDArray runningMean = manager.zeros(channels, x.getDataType(), x.getDevice());
    NDArray runningVariance = manager.ones(channels, x.getDataType(), x.getDevice());
    return x.getNDArrayInternal()
        .batchNorm(x, runningMean, runningVariance, gamma, beta, CHANNEL_AXIS, 0f, EPSILON, true)
        .singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
