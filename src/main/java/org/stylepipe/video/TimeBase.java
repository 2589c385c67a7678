package org.stylepipe.video;

import java.io.Serializable;

/**
 * A stream's time base {@code num/den} seconds per tick, and the conversion between ticks and
 * microsecond times, rounded to the nearest microsecond as ffprobe rounds {@code pts_time} (1/15 s
 * is 66667 µs).
 */
public record TimeBase(int num, int den) implements Serializable {
  /** Microseconds. */
  public static final TimeBase MICROS = new TimeBase(1, 1_000_000);

  public TimeBase {
    if (num < 1 || den < 1) {
      throw new IllegalArgumentException(
          "Cannot use time base " + num + "/" + den + ": both must be positive");
    }
  }

  /** The time of {@code ticks} in microseconds, rounded to the nearest. */
  public long micros(long ticks) {
    return Math.floorDiv(
        Math.addExact(Math.multiplyExact(Math.multiplyExact(ticks, 1_000_000L), num), den / 2),
        den);
  }

  /**
   * The tick whose time is {@code micros}: the nearest one, which is exact while a tick is longer
   * than 2 µs (see {@link #forMicros}).
   */
  public long ticks(long micros) {
    long divisor = Math.multiplyExact(1_000_000L, num);
    return Math.floorDiv(Math.addExact(Math.multiplyExact(micros, den), divisor / 2), divisor);
  }

  /** This time base if microsecond times map back to its ticks exactly, else {@link #MICROS}. */
  public TimeBase forMicros() {
    return (long) den > 500_000L * num ? MICROS : this;
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }
}
