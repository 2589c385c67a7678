package org.stylepipe.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training report shows of the run: the loss terms of every step (NaN for a skipped step)
 * and the validations on held-out pairs.
 *
 * @param total the loss of each step, from step 1
 * @param pixel its per-pixel term
 * @param temporal its temporal term
 * @param validationSteps the steps after which the student was validated
 * @param validationTotal the validation loss at each
 * @param validationPsnr the student's PSNR against the teacher at each, dB
 */
public record TrainingCurves(
    double[] total,
    double[] pixel,
    double[] temporal,
    int[] validationSteps,
    double[] validationTotal,
    double[] validationPsnr) {

  /** A JSON-friendly view: the validations, and the steps' losses in up to 200 bins (means). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("steps", total.length);
    map.put("loss_binned", binnedMeans(total, 200));
    map.put("pixel_binned", binnedMeans(pixel, 200));
    map.put("temporal_binned", binnedMeans(temporal, 200));
    map.put("validation_steps", validationSteps);
    map.put("validation_loss", validationTotal);
    map.put("validation_psnr_db", validationPsnr);
    return map;
  }

  /**
   * At most {@code bins} values, each the mean of the finite values of its bin (NaN for a bin
   * without one).
   */
  static double[] binnedMeans(double[] values, int bins) {
    if (values.length <= bins) {
      return values.clone();
    }
    double[] out = new double[bins];
    for (int b = 0; b < bins; b++) {
      double sum = 0;
      int n = 0;
      for (int i = (int) ((long) b * values.length / bins);
          i < (long) (b + 1) * values.length / bins;
          i++) {
        if (Double.isFinite(values[i])) {
          sum += values[i];
          n++;
        }
      }
      out[b] = n == 0 ? Double.NaN : sum / n;
    }
    return out;
  }
}
