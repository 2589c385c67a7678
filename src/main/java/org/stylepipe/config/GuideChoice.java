package org.stylepipe.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * The {@code --guide} option of the stylize jobs: the guide a 6-channel model gets ({@link
 * GuideMode}) and, for {@code noise:VARIANT}, the noise variant named ({@code r10_s10}; null for
 * the first one).
 */
public record GuideChoice(GuideMode mode, String variant) implements Serializable {

  /** Parses {@code none}, {@code black}, {@code noise} or {@code noise:VARIANT}. */
  public static GuideChoice parse(String option, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    String[] parts = value.split(":", 2);
    for (GuideMode mode : GuideMode.values()) {
      if (mode.name().equalsIgnoreCase(parts[0])
          && (parts.length == 1 || mode == GuideMode.NOISE && !parts[1].isBlank())) {
        return new GuideChoice(mode, parts.length == 2 ? parts[1] : null);
      }
    }
    throw new IllegalArgumentException(
        "Cannot use --"
            + option
            + " "
            + text
            + ": expected none, black, noise or noise:VARIANT (r10_s10)");
  }

  @Override
  public String toString() {
    return mode.name().toLowerCase(Locale.ROOT) + (variant == null ? "" : ":" + variant);
  }
}
