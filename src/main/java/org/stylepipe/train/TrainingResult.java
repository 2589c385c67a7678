package org.stylepipe.train;

import java.util.Map;
import org.stylepipe.stylize.NpyArray;

/**
 * What a training run produced.
 *
 * @param weights the student's final weights, by {@code state_dict} name
 * @param history the losses of every step and validation, of this run and those it resumed
 * @param resumedAt the step this run started at (0 unless it resumed a checkpoint)
 * @param seconds how long this run trained
 */
public record TrainingResult(
    Map<String, NpyArray> weights, TrainingHistory history, int resumedAt, double seconds) {}
