package org.stylepipe.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** HTML escaping and number formatting shared by the report's views. */
final class Format {
  private Format() {}

  /** {@code text} safe inside HTML or SVG text and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code value} rounded to {@code decimals} places, for JSON. */
  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /** A number for people: thousands grouped, one decimal below 100, none above; "–" for NaN. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "–";
    }
    return String.format(
        Locale.ROOT, Math.abs(value) < 100 && value != Math.rint(value) ? "%,.1f" : "%,.0f", value);
  }

  /** A small measure such as E_warp, to three significant digits ("0.00123"); "–" for NaN. */
  static String precise(double value) {
    if (!Double.isFinite(value)) {
      return "–";
    }
    return value == 0
        ? "0"
        : BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** A number in SVG coordinates: at most two decimals, never a locale's comma. */
  static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }
}
