package org.stylepipe.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The student's loss on a {@link TrainingBatch}, on the 0..1 scale:
 *
 * <ul>
 *   <li><b>pixel</b>: the mean squared difference between the student's output and the teacher's,
 *       over both frames of every pair;
 *   <li><b>temporal</b>: over the pixels the occlusion mask keeps, the mean squared difference
 *       between the output's change along the input's flow, O_t − Ŵ(O_{t−1}), and the input's
 *       change of relative luminance along it (ReCoNet's luminance term; zero without it), per
 *       channel.
 * </ul>
 *
 * The total is {@code pixel + temporalWeight · temporal}.
 *
 * @param temporalWeight weight of the temporal term
 * @param luminance whether the temporal term allows the input's luminance change
 */
record StudentLoss(float temporalWeight, boolean luminance) {
  private static final float SCALE = 1 / 255f;

  /** The three terms of one batch: total, pixel, temporal (scalars). */
  record Terms(NDArray total, NDArray pixel, NDArray temporal) {}

  /** The batch's arrays on a device. */
  record Inputs(
      NDArray previous,
      NDArray current,
      NDArray previousTarget,
      NDArray target,
      NDArray corners,
      NDArray weights,
      NDArray mask,
      NDArray lumaChange) {

    static Inputs of(TrainingBatch batch, NDManager manager, Device device) {
      Shape frames = new Shape(batch.size(), 3, batch.height(), batch.width());
      long plane = (long) batch.width() * batch.height();
      Shape perPixel = new Shape(batch.size(), 1, plane);
      return new Inputs(
          manager.create(batch.previous(), frames).toDevice(device, false),
          manager.create(batch.current(), frames).toDevice(device, false),
          manager.create(batch.previousTarget(), frames).toDevice(device, false),
          manager.create(batch.target(), frames).toDevice(device, false),
          manager
              .create(batch.corners(), new Shape(batch.size(), 1, 4 * plane))
              .toDevice(device, false),
          manager
              .create(batch.weights(), new Shape(batch.size(), 1, plane, 4))
              .toDevice(device, false),
          manager.create(batch.mask(), perPixel).toDevice(device, false),
          manager.create(batch.lumaChange(), perPixel).toDevice(device, false));
    }
  }

  /** The loss of the student's outputs for both frames of each pair. */
  Terms of(NDArray previousOutput, NDArray currentOutput, Inputs in) {
    NDArray pixel =
        previousOutput
            .sub(in.previousTarget())
            .square()
            .mean()
            .add(currentOutput.sub(in.target()).square().mean())
            .mul(0.5f * SCALE * SCALE);
    NDArray temporal = temporal(previousOutput, currentOutput, in);
    return new Terms(pixel.add(temporal.mul(temporalWeight)), pixel, temporal);
  }

  private NDArray temporal(NDArray previousOutput, NDArray currentOutput, Inputs in) {
    Shape s = currentOutput.getShape();
    long plane = s.get(2) * s.get(3);
    NDArray flatPrevious = previousOutput.reshape(s.get(0), 3, plane);
    NDArray corners = in.corners().broadcast(new Shape(s.get(0), 3, 4 * plane));
    NDArray warped =
        flatPrevious
            .gather(corners, 2)
            .reshape(s.get(0), 3, plane, 4)
            .mul(in.weights())
            .sum(new int[] {3});
    NDArray change = currentOutput.reshape(s.get(0), 3, plane).sub(warped).mul(SCALE);
    if (luminance) {
      change = change.sub(in.lumaChange());
    }
    NDArray masked = change.square().mul(in.mask()).sum();
    float pixels = Math.max(1f, in.mask().sum().getFloat());
    return masked.div(3 * pixels);
  }
}
