package org.stylepipe.report;

import java.util.List;

/**
 * A horizontal bar chart as inline SVG: one labelled bar per value, the value written at its end.
 */
final class BarChart {
  private static final int WIDTH = 720;
  private static final int LABEL_WIDTH = 240;
  private static final int VALUE_WIDTH = 110;
  private static final int ROW = 26;
  private static final int TOP = 8;

  /** One bar. */
  record Bar(String label, double value) {}

  private BarChart() {}

  /**
   * The chart, {@code title} naming it for assistive technology; values are written with {@code
   * unit}.
   */
  static String svg(String title, String unit, List<Bar> bars) {
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    int height = TOP * 2 + ROW * bars.size();
    double span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Format.escape(title))
        .append("\">")
        .append("<title>")
        .append(Format.escape(title))
        .append("</title>");
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = TOP + i * ROW;
      double length = max > 0 ? Math.max(1, span * bar.value() / max) : 1;
      svg.append("<text class=\"label\" x=\"")
          .append(LABEL_WIDTH - 8)
          .append("\" y=\"")
          .append(Format.coordinate(y + ROW * 0.65))
          .append("\" text-anchor=\"end\">")
          .append(Format.escape(bar.label()))
          .append("</text>")
          .append("<rect x=\"")
          .append(LABEL_WIDTH)
          .append("\" y=\"")
          .append(Format.coordinate(y + 4))
          .append("\" width=\"")
          .append(Format.coordinate(length))
          .append("\" height=\"")
          .append(ROW - 8)
          .append("\"/>")
          .append("<text class=\"value\" x=\"")
          .append(Format.coordinate(LABEL_WIDTH + length + 6))
          .append("\" y=\"")
          .append(Format.coordinate(y + ROW * 0.65))
          .append("\">")
          .append(Format.escape(Format.number(bar.value()) + " " + unit))
          .append("</text>");
    }
    return svg.append("</svg>").toString();
  }
}
