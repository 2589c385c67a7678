package org.stylepipe.train;

import java.util.List;

/**
 * The samples of one training step, stacked: {@code size} crops of one size, each array the
 * concatenation of the crops' arrays in order.
 */
record TrainingBatch(
    int size,
    int width,
    int height,
    float[] previous,
    float[] current,
    float[] previousTarget,
    float[] target,
    long[] corners,
    float[] weights,
    float[] mask,
    float[] lumaChange) {

  static TrainingBatch of(List<PairCrop> crops) {
    PairCrop first = crops.get(0);
    int n = crops.size();
    int plane = first.width() * first.height();
    float[] previous = new float[n * 3 * plane];
    float[] current = new float[n * 3 * plane];
    float[] previousTarget = new float[n * 3 * plane];
    float[] target = new float[n * 3 * plane];
    long[] corners = new long[n * 4 * plane];
    float[] weights = new float[n * 4 * plane];
    float[] mask = new float[n * plane];
    float[] lumaChange = new float[n * plane];
    for (int s = 0; s < n; s++) {
      PairCrop crop = crops.get(s);
      if (crop.width() != first.width() || crop.height() != first.height()) {
        throw new IllegalArgumentException(
            "Cannot stack crops of "
                + crop.width()
                + "x"
                + crop.height()
                + " and "
                + first.width()
                + "x"
                + first.height());
      }
      System.arraycopy(crop.previous(), 0, previous, s * 3 * plane, 3 * plane);
      System.arraycopy(crop.current(), 0, current, s * 3 * plane, 3 * plane);
      System.arraycopy(crop.previousTarget(), 0, previousTarget, s * 3 * plane, 3 * plane);
      System.arraycopy(crop.target(), 0, target, s * 3 * plane, 3 * plane);
      for (int i = 0; i < 4 * plane; i++) {
        corners[s * 4 * plane + i] = crop.corners()[i];
      }
      System.arraycopy(crop.weights(), 0, weights, s * 4 * plane, 4 * plane);
      System.arraycopy(crop.mask(), 0, mask, s * plane, plane);
      System.arraycopy(crop.lumaChange(), 0, lumaChange, s * plane, plane);
    }
    return new TrainingBatch(
        n,
        first.width(),
        first.height(),
        previous,
        current,
        previousTarget,
        target,
        corners,
        weights,
        mask,
        lumaChange);
  }
}
