package org.stylepipe.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Which decoded frames are kept: every frame (as {@code ffmpeg -i REC %06d.png} does), every Nth
 * frame by its index in the recording, or a target rate by presentation time (as ffmpeg's {@code
 * fps} filter picks the first frame at or after each tick).
 *
 * <p>Both rules decide per frame from values the segment planner provides (global frame index,
 * previous frame's timestamp), so a segment-parallel job keeps exactly the frames a sequential
 * decode would.
 */
public final class Sampling implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kind of rule. */
  public enum Kind {
    ALL,
    EVERY_NTH,
    FPS
  }

  private final Kind kind;
  private final long every;
  private final long fpsNum;
  private final long fpsDen;

  private Sampling(Kind kind, long every, long fpsNum, long fpsDen) {
    this.kind = kind;
    this.every = every;
    this.fpsNum = fpsNum;
    this.fpsDen = fpsDen;
  }

  /** Every decoded frame. */
  public static Sampling all() {
    return new Sampling(Kind.ALL, 1, 0, 1);
  }

  /** Frames whose index in the recording is a multiple of {@code n}. */
  public static Sampling everyNth(long n) {
    if (n < 1) {
      throw new IllegalArgumentException(
          "Cannot sample every " + n + " frames: N must be at least 1");
    }
    return new Sampling(Kind.EVERY_NTH, n, 0, 1);
  }

  /** The first frame at or after each tick k/fps; {@code fps} is a rational num/den. */
  public static Sampling fps(long num, long den) {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException(
          "Cannot sample at " + num + "/" + den + " fps: the rate must be positive");
    }
    return new Sampling(Kind.FPS, 1, num, den);
  }

  /**
   * Parses {@code all}, {@code every:N} or {@code fps:F} (F a decimal such as 2 or 2.5, or a
   * fraction such as 30000/1001).
   */
  public static Sampling parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.equals("all")) {
        return all();
      }
      if (value.startsWith("every:")) {
        return everyNth(Long.parseLong(value.substring("every:".length())));
      }
      if (value.startsWith("fps:")) {
        String rate = value.substring("fps:".length());
        int slash = rate.indexOf('/');
        if (slash >= 0) {
          return fps(
              Long.parseLong(rate.substring(0, slash)), Long.parseLong(rate.substring(slash + 1)));
        }
        BigDecimal decimal = new BigDecimal(rate);
        BigDecimal den = BigDecimal.TEN.pow(Math.max(0, decimal.scale()));
        return fps(decimal.multiply(den).longValueExact(), den.longValueExact());
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      // falls through to the error below, which names the text as given
    }
    throw new IllegalArgumentException(
        "Cannot parse sampling '" + text + "': expected all, every:N (N >= 1) or fps:F (F > 0)");
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Whether the frame is kept.
   *
   * @param frameIndex index of the frame in the recording (0 for the first)
   * @param ptsUs presentation time of the frame in microseconds
   * @param previousPtsUs presentation time of the frame before it, or {@link Long#MIN_VALUE} if
   *     none
   */
  public boolean keeps(long frameIndex, long ptsUs, long previousPtsUs) {
    switch (kind) {
      case ALL:
        return true;
      case EVERY_NTH:
        return frameIndex % every == 0;
      default:
        return previousPtsUs == Long.MIN_VALUE || tick(ptsUs) > tick(previousPtsUs);
    }
  }

  /** Index of the last tick at or before {@code ptsUs}. */
  private long tick(long ptsUs) {
    BigInteger scaled = BigInteger.valueOf(ptsUs).multiply(BigInteger.valueOf(fpsNum));
    BigInteger[] qr = scaled.divideAndRemainder(BigInteger.valueOf(fpsDen * 1_000_000L));
    long q = qr[0].longValueExact();
    return qr[1].signum() < 0 ? q - 1 : q;
  }

  @Override
  public String toString() {
    switch (kind) {
      case ALL:
        return "all";
      case EVERY_NTH:
        return "every:" + every;
      default:
        return "fps:" + fpsNum + "/" + fpsDen;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sampling && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
