package org.stylepipe.train;

import java.util.Locale;

/**
 * The console line of a training run: step, loss terms averaged over the last steps, steps per
 * second of this run, and the time left at that rate.
 */
final class ProgressLine {
  private ProgressLine() {}

  static String of(
      int step, int steps, TrainingHistory history, int runSteps, double runSeconds, int window) {
    double rate = runSeconds > 0 ? runSteps / runSeconds : Double.NaN;
    long left = rate > 0 ? Math.round((steps - step) / rate) : -1;
    return String.format(
        Locale.ROOT,
        "train: step %d/%d, loss %.5f (pixel %.5f, temporal %.5f), %.2f steps/s, %s, %d skipped",
        step,
        steps,
        history.recentMean(0, window),
        history.recentMean(1, window),
        history.recentMean(2, window),
        rate,
        step >= steps ? "done in " + clock(Math.round(runSeconds)) : "ETA " + clock(left),
        history.skippedCount());
  }

  /** {@code m:ss} or {@code h:mm:ss}; {@code ?} if unknown. */
  static String clock(long seconds) {
    if (seconds < 0) {
      return "?";
    }
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
