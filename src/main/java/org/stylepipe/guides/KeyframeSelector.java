package org.stylepipe.guides;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Applies a {@link KeyframeRule} to frames fed in order. Scene changes compare 512-bin colour
 * histograms (the top 3 bits of each of B, G, R) of consecutive frames by their total variation
 * distance, half the sum of absolute differences of the normalized bins: 0 for the same colours, 1
 * for disjoint ones. A segment task that starts after frame 1 gives the frame before its first to
 * {@link #startAfter} so its first frame is judged as in a sequential run. Not thread-safe.
 */
public final class KeyframeSelector {
  private static final int BINS = 512;

  private final KeyframeRule rule;
  private double[] previous;
  private int previousNumber;

  public KeyframeSelector(KeyframeRule rule) {
    this.rule = rule;
  }

  /** Takes frame {@code number} as the predecessor of the next frame, without judging it. */
  public void startAfter(int number, Mat frame) {
    if (rule.kind() == KeyframeRule.Kind.SCENE_CHANGE) {
      previous = histogram(frame);
      previousNumber = number;
    }
  }

  /** Whether frame {@code number} (from 1), 8-bit BGR, is a keyframe. */
  public boolean isKey(int number, Mat frame) {
    if (rule.kind() != KeyframeRule.Kind.SCENE_CHANGE) {
      return rule.isKey(number);
    }
    double[] histogram = histogram(frame);
    boolean follows = previous != null && previousNumber == number - 1;
    if (number > 1 && !follows) {
      throw new IllegalStateException(
          "Cannot detect a scene change at frame "
              + number
              + ": frame "
              + (number - 1)
              + " must be given first (see startAfter)");
    }
    boolean key = number == 1 || distance(previous, histogram) > rule.threshold();
    previous = histogram;
    previousNumber = number;
    return key;
  }

  /**
   * Whether frame {@code number} is a keyframe when the frame before it is missing (it did not
   * decode): a scene change rule takes it as the first frame of a new shot.
   */
  public boolean isKeyAfterGap(int number, Mat frame) {
    if (rule.kind() != KeyframeRule.Kind.SCENE_CHANGE) {
      return rule.isKey(number);
    }
    startAfter(number, frame);
    return true;
  }

  /** The total variation distance between two normalized histograms. */
  static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / 2;
  }

  static double[] histogram(Mat frame) {
    if (frame.channels() != 3) {
      throw new IllegalArgumentException(
          "Cannot compare frames: expected 3-channel BGR, got " + frame.channels());
    }
    byte[] pixels = MatBytes.of(frame);
    long[] counts = new long[BINS];
    for (int i = 0; i < pixels.length; i += 3) {
      counts[(pixels[i] & 0xe0) << 1 | (pixels[i + 1] & 0xe0) >> 2 | (pixels[i + 2] & 0xe0) >> 5]++;
    }
    double[] histogram = new double[BINS];
    double n = pixels.length / 3.0;
    for (int i = 0; i < BINS; i++) {
      histogram[i] = counts[i] / n;
    }
    return histogram;
  }
}
