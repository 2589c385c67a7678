package org.stylepipe.output;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kind of job that owns an output, as its marker names it. A job writes into an output of its
 * own kind; two kinds may also write into an output another kind owns, as guests that leave its
 * marker alone: the flicker job into a stylize output ({@code flicker/}), and the keyframe stylize
 * job into a dataset ({@code _train/output/} of a few-shot dataset).
 */
public enum JobKind {
  DATASET,
  STYLIZE,
  STYLIZE_KEYFRAMES,
  FLICKER,
  TRAIN;

  /** The command that runs this kind of job, as the marker and messages name it. */
  public String command() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind whose {@link #command()} is {@code command}. */
  public static JobKind ofCommand(String command) {
    return Arrays.stream(values())
        .filter(kind -> kind.command().equals(command))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no job kind " + command));
  }

  /** The kind of output this kind of job writes into as a guest, or null if it owns its output. */
  public JobKind host() {
    return switch (this) {
      case FLICKER -> STYLIZE;
      case STYLIZE_KEYFRAMES -> DATASET;
      default -> null;
    };
  }

  /** Whether this kind of job only ever writes into an output another kind made. */
  public boolean onlyGuest() {
    return this == STYLIZE_KEYFRAMES;
  }
}
