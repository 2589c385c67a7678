package org.stylepipe.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylepipe.report.TrainingCurves;
import org.stylepipe.stylize.NpyArray;

/**
 * The losses of a training run so far: the three terms of every step (NaN for a skipped step) and
 * of every validation, and how many steps were skipped for a non-finite loss or gradient. Saved in
 * each checkpoint, so a resumed run's curves are whole. Not thread-safe.
 */
public final class TrainingHistory {
  private final List<float[]> steps = new ArrayList<>();
  private final List<float[]> validations = new ArrayList<>();

  /** One validation: the step it followed, and its terms on the held-out pairs. */
  record Validation(int step, float total, float pixel, float temporal) {
    /** PSNR of the student against the teacher, in dB, from the pixel term. */
    double psnr() {
      return -10 * Math.log10(pixel);
    }
  }

  /** Records the terms of the next step. */
  void step(float total, float pixel, float temporal) {
    steps.add(new float[] {total, pixel, temporal});
  }

  /** Records a skipped step. */
  void skipped() {
    steps.add(new float[] {Float.NaN, Float.NaN, Float.NaN});
  }

  void validation(Validation v) {
    validations.add(new float[] {v.step(), v.total(), v.pixel(), v.temporal()});
  }

  /** Steps recorded, skipped ones included. */
  int size() {
    return steps.size();
  }

  /** Steps skipped for a non-finite loss or gradient. */
  public int skippedCount() {
    return (int) steps.stream().filter(s -> Float.isNaN(s[0])).count();
  }

  /** One term of every step: 0 total, 1 pixel, 2 temporal. */
  float[] term(int term) {
    float[] values = new float[steps.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = steps.get(i)[term];
    }
    return values;
  }

  List<Validation> validations() {
    return validations.stream().map(v -> new Validation((int) v[0], v[1], v[2], v[3])).toList();
  }

  /** Mean of one term over the last {@code count} steps that were not skipped; NaN if none. */
  double recentMean(int term, int count) {
    double sum = 0;
    int n = 0;
    for (int i = steps.size() - 1; i >= 0 && n < count; i--) {
      float v = steps.get(i)[term];
      if (!Float.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The curves the job report draws. */
  public TrainingCurves curves() {
    List<Validation> v = validations();
    return new TrainingCurves(
        doubles(term(0)),
        doubles(term(1)),
        doubles(term(2)),
        v.stream().mapToInt(Validation::step).toArray(),
        v.stream().mapToDouble(Validation::total).toArray(),
        v.stream().mapToDouble(Validation::psnr).toArray());
  }

  private static double[] doubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** As arrays, for a checkpoint. */
  Map<String, NpyArray> toArrays() {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put("history/steps", flatten(steps, 3));
    arrays.put("history/validations", flatten(validations, 4));
    return arrays;
  }

  /** The history saved by {@link #toArrays}. */
  static TrainingHistory of(Map<String, NpyArray> arrays) {
    TrainingHistory history = new TrainingHistory();
    unflatten(arrays.get("history/steps"), 3, history.steps);
    unflatten(arrays.get("history/validations"), 4, history.validations);
    return history;
  }

  private static NpyArray flatten(List<float[]> rows, int width) {
    float[] data = new float[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * width, width);
    }
    return new NpyArray("<f4", new long[] {rows.size(), width}, data);
  }

  private static void unflatten(NpyArray array, int width, List<float[]> rows) {
    if (array == null || array.shape().length != 2 || array.shape()[1] != width) {
      throw new IllegalArgumentException(
          "Cannot read the training history: expected an array of " + width + " columns");
    }
    for (int i = 0; i < array.shape()[0]; i++) {
      rows.add(Arrays.copyOfRange(array.data(), i * width, (i + 1) * width));
    }
  }
}
