package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Affine instance normalization of an NCHW array, like PyTorch's {@code
 * InstanceNorm2d(affine=True)} in eval mode without running statistics: {@code (x - mean) /
 * sqrt(var + 1e-5) * weight + bias}, with the mean and the biased variance taken over H and W for
 * each sample and channel. DJL has no such block.
 */
final class InstanceNorm2d extends AbstractBlock {
  private static final float EPSILON = 1e-5f;
  private static final int[] SPATIAL_AXIS = {2};

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
    Shape shape = x.getShape();
    NDArray gamma = parameterStore.getValue(weight, x.getDevice(), training).reshape(1, -1, 1);
    NDArray beta = parameterStore.getValue(bias, x.getDevice(), training).reshape(1, -1, 1);
    // PyTorch's mean takes one axis at a time: flatten H and W into one.
    NDArray flat = x.reshape(shape.get(0), shape.get(1), -1);
    NDArray centered = flat.sub(flat.mean(SPATIAL_AXIS, true));
    NDArray variance = centered.square().mean(SPATIAL_AXIS, true);
    NDArray scale = gamma.div(variance.addi(EPSILON).sqrt());
    return new NDList(centered.muli(scale).addi(beta).reshape(shape));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
