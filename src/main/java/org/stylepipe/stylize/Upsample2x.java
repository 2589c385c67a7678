package org.stylepipe.stylize;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Nearest-neighbour upsampling of an NCHW array by 2 in H and W: each value repeated along both
 * axes. One interpolation kernel, which keeps a channels-last input channels-last.
 */
final class Upsample2x extends AbstractBlock {
  /** {@code NDArrayEx.interpolation}'s mode for nearest neighbour. */
  private static final int NEAREST = 0;

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    Shape s = inputs.singletonOrThrow().getShape();
    return new NDList(
        inputs
            .singletonOrThrow()
            .getNDArrayInternal()
            .interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, NEAREST, false));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2)};
  }
}
