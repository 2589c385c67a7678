package org.stylepipe.report;

import org.stylepipe.flicker.FlickerSeries;

/**
 * The per-frame flicker of one recording as an inline SVG line plot: E_t of the input and of the
 * stylized output over the frame index. Long series are binned to at most {@value #MAX_POINTS}
 * points, each its bin's largest value, so that spikes stay visible.
 */
final class FlickerPlot {
  static final int MAX_POINTS = 1200;
  private static final int WIDTH = 720;
  private static final int HEIGHT = 260;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 30;
  private static final int BOTTOM = 36;
  private static final int TICKS = 4;

  private FlickerPlot() {}

  static String svg(FlickerSeries series) {
    long[] frames = series.frameIndex();
    double[] input = binned(series.input());
    double[] output = binned(series.output());
    double top = niceCeiling(Math.max(max(input), max(output)));
    long first = frames.length == 0 ? 0 : frames[0];
    long last = frames.length == 0 ? 1 : Math.max(first + 1, frames[frames.length - 1]);
    Axes axes = new Axes(first, last, top);
    String title =
        "Flicker of "
            + series.recordingId()
            + ": E_warp input "
            + Format.precise(series.inputWarpingError())
            + ", output "
            + Format.precise(series.outputWarpingError());
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart flicker\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Format.escape(title))
        .append("\">")
        .append("<title>")
        .append(Format.escape(title))
        .append("</title>");
    for (int i = 0; i <= TICKS; i++) {
      double value = top * i / TICKS;
      String y = Format.coordinate(axes.y(value));
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/>")
          .append("<text class=\"tick\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append("\" dy=\"0.35em\" text-anchor=\"end\">")
          .append(Format.precise(value))
          .append("</text>");
    }
    for (int i = 0; i <= TICKS; i++) {
      long frame = first + Math.round((double) (last - first) * i / TICKS);
      svg.append("<text class=\"tick\" x=\"")
          .append(Format.coordinate(axes.x(frame)))
          .append("\" y=\"")
          .append(HEIGHT - BOTTOM + 16)
          .append("\" text-anchor=\"middle\">")
          .append(frame)
          .append("</text>");
    }
    svg.append("<text class=\"axis\" x=\"")
        .append(LEFT + (WIDTH - LEFT - RIGHT) / 2)
        .append("\" y=\"")
        .append(HEIGHT - 4)
        .append("\" text-anchor=\"middle\">frame</text>")
        .append("<text class=\"axis\" x=\"")
        .append(LEFT)
        .append("\" y=\"16\">E_t</text>");
    svg.append(line("input", input, frames, axes)).append(line("output", output, frames, axes));
    svg.append(
            legend(
                WIDTH - RIGHT - 300,
                "input",
                "input " + Format.precise(series.inputWarpingError())))
        .append(
            legend(
                WIDTH - RIGHT - 150,
                "output",
                "output " + Format.precise(series.outputWarpingError())));
    return svg.append("</svg>").toString();
  }

  /** Data to picture coordinates. */
  private record Axes(long first, long last, double top) {
    double x(double frame) {
      return LEFT + (WIDTH - LEFT - RIGHT) * (frame - first) / (last - first);
    }

    double y(double value) {
      return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (top > 0 ? value / top : 0);
    }
  }

  /** A path through the finite values; a NaN breaks it. */
  private static String line(String name, double[] values, long[] frames, Axes axes) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        pen = false;
        continue;
      }
      d.append(pen ? " L" : " M")
          .append(Format.coordinate(axes.x(frameAt(frames, i, values.length))))
          .append(' ')
          .append(Format.coordinate(axes.y(values[i])));
      pen = true;
    }
    return "<path class=\"" + name + "\" d=\"" + d.toString().trim() + "\"/>";
  }

  private static String legend(int x, String name, String text) {
    return "<line class=\""
        + name
        + "\" x1=\""
        + x
        + "\" x2=\""
        + (x + 18)
        + "\" y1=\"14\" y2=\"14\"/><text x=\""
        + (x + 24)
        + "\" y=\"18\">"
        + Format.escape(text)
        + "</text>";
  }

  /**
   * The frame index at point {@code i} of {@code points} (the binned series spans the same frames).
   */
  private static double frameAt(long[] frames, int i, int points) {
    if (points == frames.length) {
      return frames[i];
    }
    int from = (int) ((long) i * frames.length / points);
    int to = (int) ((long) (i + 1) * frames.length / points) - 1;
    return (frames[from] + frames[to]) / 2.0;
  }

  /**
   * At most {@link #MAX_POINTS} values, each the largest finite value of its bin (NaN for a bin
   * without one).
   */
  private static double[] binned(double[] values) {
    if (values.length <= MAX_POINTS) {
      return values;
    }
    double[] bins = new double[MAX_POINTS];
    for (int b = 0; b < MAX_POINTS; b++) {
      double max = Double.NaN;
      for (int i = (int) ((long) b * values.length / MAX_POINTS);
          i < (long) (b + 1) * values.length / MAX_POINTS;
          i++) {
        if (Double.isFinite(values[i]) && !(values[i] <= max)) {
          max = values[i];
        }
      }
      bins[b] = max;
    }
    return bins;
  }

  private static double max(double[] values) {
    double max = 0;
    for (double value : values) {
      if (Double.isFinite(value)) {
        max = Math.max(max, value);
      }
    }
    return max;
  }

  /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code value}; 1 for nothing above 0. */
  private static double niceCeiling(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double scale = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * scale >= value) {
        return step * scale;
      }
    }
    return 10 * scale;
  }
}
