package org.stylepipe.config;

import java.io.Serializable;
import org.stylepipe.stylize.NetShape;

/**
 * What shapes a student's training: the network, the schedule, the loss and the seed.
 *
 * @param shape the student's widths and residual blocks
 * @param steps optimizer steps in all
 * @param batchSize pairs of consecutive frames per step
 * @param crop side of the square crops cut from the frames, pixels (a frame smaller than that is
 *     taken whole)
 * @param learningRate Adam's learning rate at the start; it decays along a cosine to a tenth of it
 *     at the last step
 * @param temporalWeight weight of the temporal loss (0: per-pixel loss only)
 * @param luminance whether the temporal loss allows the input's luminance change (ReCoNet)
 * @param seed seed of the initial weights and of the samples
 * @param checkpointEvery steps between checkpoints
 * @param validateEvery steps between validations on held-out frames
 */
public record TrainSettings(
    NetShape shape,
    int steps,
    int batchSize,
    int crop,
    float learningRate,
    float temporalWeight,
    boolean luminance,
    long seed,
    int checkpointEvery,
    int validateEvery)
    implements Serializable {

  /** The learning rate of step {@code step} (from 0). */
  public float learningRate(int step) {
    double progress = steps <= 1 ? 0 : step / (double) (steps - 1);
    return (float) (learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
  }
}
