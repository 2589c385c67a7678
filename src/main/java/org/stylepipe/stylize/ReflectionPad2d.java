package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Reflection padding of an NCHW array by the same amount on all four sides, like PyTorch's {@code
 * ReflectionPad2d}: the border row or column itself is not repeated. DJL's {@code NDArray.pad} only
 * pads with a constant, so this block slices, flips and concatenates.
 */
final class ReflectionPad2d extends AbstractBlock {
  private final int pad;

  ReflectionPad2d(int pad) {
    this.pad = pad;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(pad(inputs.singletonOrThrow(), pad));
  }

  /** {@code x} reflection-padded by {@code pad} on all four sides. */
  static NDArray pad(NDArray x, int pad) {
    return reflect(reflect(x, 3, pad), 2, pad);
  }

  private static NDArray reflect(NDArray x, int axis, int pad) {
    long size = x.getShape().get(axis);
    if (pad >= size) {
      throw new IllegalArgumentException(
          "Cannot reflection-pad "
              + x.getShape()
              + " by "
              + pad
              + ": axis "
              + axis
              + " must be longer than the pad");
    }
    NDArray head = x.get(slice(axis, 1, pad + 1)).flip(axis);
    NDArray tail = x.get(slice(axis, size - 1 - pad, size - 1)).flip(axis);
    return NDArrays.concat(new NDList(head, x, tail), axis);
  }

  private static NDIndex slice(int axis, long from, long to) {
    return new NDIndex().addAllDim(axis).addSliceDim(from, to);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) + 2L * pad, s.get(3) + 2L * pad)};
  }
}
