package org.stylepipe.report;

/**
 * A training run's loss curves as an inline SVG plot with a logarithmic y axis: the loss of the
 * steps and its two terms (means over bins of steps), and the validation loss as dots.
 */
final class LossPlot {
  private static final int BINS = 400;
  private static final int WIDTH = 720;
  private static final int HEIGHT = 280;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 30;
  private static final int BOTTOM = 36;

  private LossPlot() {}

  static String svg(TrainingCurves curves) {
    double[] total = TrainingCurves.binnedMeans(curves.total(), BINS);
    double[] pixel = TrainingCurves.binnedMeans(curves.pixel(), BINS);
    double[] temporal = TrainingCurves.binnedMeans(curves.temporal(), BINS);
    double low = Double.POSITIVE_INFINITY;
    double high = 0;
    for (double[] series : new double[][] {total, pixel, temporal, curves.validationTotal()}) {
      for (double v : series) {
        if (Double.isFinite(v) && v > 0) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    if (!(high > 0)) {
      low = 1e-4;
      high = 1;
    }
    Axes axes =
        new Axes(
            Math.max(1, curves.total().length),
            Math.floor(Math.log10(low)),
            Math.ceil(Math.log10(high) + 1e-9));
    String title = "Loss over " + curves.total().length + " steps";
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart loss\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Format.escape(title))
        .append("\"><title>")
        .append(Format.escape(title))
        .append("</title>");
    for (int e = (int) axes.bottom(); e <= axes.top(); e++) {
      String y = Format.coordinate(axes.y(Math.pow(10, e)));
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/><text class=\"tick\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append("\" dy=\"0.35em\" text-anchor=\"end\">1e")
          .append(e)
          .append("</text>");
    }
    for (int i = 0; i <= 4; i++) {
      long step = Math.round(axes.steps() * i / 4.0);
      svg.append("<text class=\"tick\" x=\"")
          .append(Format.coordinate(axes.x(step)))
          .append("\" y=\"")
          .append(HEIGHT - BOTTOM + 16)
          .append("\" text-anchor=\"middle\">")
          .append(step)
          .append("</text>");
    }
    svg.append("<text class=\"axis\" x=\"")
        .append(LEFT + (WIDTH - LEFT - RIGHT) / 2)
        .append("\" y=\"")
        .append(HEIGHT - 4)
        .append("\" text-anchor=\"middle\">step</text>");
    svg.append(line("loss", total, curves.total().length, axes))
        .append(line("pixel", pixel, curves.total().length, axes))
        .append(line("temporal", temporal, curves.total().length, axes));
    for (int i = 0; i < curves.validationSteps().length; i++) {
      double v = curves.validationTotal()[i];
      if (Double.isFinite(v) && v > 0) {
        svg.append("<circle class=\"validation\" r=\"3.5\" cx=\"")
            .append(Format.coordinate(axes.x(curves.validationSteps()[i])))
            .append("\" cy=\"")
            .append(Format.coordinate(axes.y(v)))
            .append("\"/>");
      }
    }
    int x = WIDTH - RIGHT - 440;
    for (String name : new String[] {"loss", "pixel", "temporal"}) {
      svg.append("<line class=\"")
          .append(name)
          .append("\" x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x + 18)
          .append("\" y1=\"14\" y2=\"14\"/><text x=\"")
          .append(x + 24)
          .append("\" y=\"18\">")
          .append(name)
          .append("</text>");
      x += 100;
    }
    svg.append("<circle class=\"validation\" r=\"3.5\" cx=\"")
        .append(x + 9)
        .append("\" cy=\"14\"/><text x=\"")
        .append(x + 24)
        .append("\" y=\"18\">validation</text>");
    return svg.append("</svg>").toString();
  }

  /** Data to picture coordinates: steps on x, log10 of the loss on y. */
  private record Axes(double steps, double bottom, double top) {
    double x(double step) {
      return LEFT + (WIDTH - LEFT - RIGHT) * step / steps;
    }

    double y(double value) {
      double fraction = (Math.log10(value) - bottom) / Math.max(1e-9, top - bottom);
      return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * fraction;
    }
  }

  /** A path through the positive values of {@code points} bins over {@code steps} steps. */
  private static String line(String name, double[] values, int steps, Axes axes) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < values.length; i++) {
      if (!(Double.isFinite(values[i]) && values[i] > 0)) {
        pen = false;
        continue;
      }
      double step = (i + 0.5) * steps / values.length;
      d.append(pen ? " L" : " M")
          .append(Format.coordinate(axes.x(step)))
          .append(' ')
          .append(Format.coordinate(axes.y(values[i])));
      pen = true;
    }
    return "<path class=\"" + name + "\" d=\"" + d.toString().trim() + "\"/>";
  }
}
