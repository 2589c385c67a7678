package org.stylepipe.video;

import java.io.Serializable;

/**
 * Where a video's keyframes go: at its first frame and at the first frame in each interval of
 * presentation time counted from an origin. Segments cut at multiples of the interval from the same
 * origin start on keyframes the video has anyway, so encoded by themselves and joined they make the
 * video encoded in one piece ({@link VideoEncoder}).
 *
 * @param originUs the time the intervals are counted from
 * @param intervalUs the length of an interval
 */
public record KeyframeGrid(long originUs, long intervalUs) implements Serializable {
  /** The stylize job's interval: the stylized video's keyframes are 2 s apart. */
  public static final long STYLIZED_INTERVAL_US = 2_000_000;

  public KeyframeGrid {
    if (intervalUs <= 0) {
      throw new IllegalArgumentException("Cannot place keyframes " + intervalUs + " us apart");
    }
  }

  /** The stylize job's grid: keyframes 2 s apart from {@code originUs}. */
  public static KeyframeGrid stylized(long originUs) {
    return new KeyframeGrid(originUs, STYLIZED_INTERVAL_US);
  }

  private long cell(long ptsUs) {
    return Math.floorDiv(ptsUs - originUs, intervalUs);
  }

  /** Whether frames at {@code aUs} and {@code bUs} fall in the same interval. */
  public boolean sameInterval(long aUs, long bUs) {
    return cell(aUs) == cell(bUs);
  }

  /** Frames in an interval at {@code frameRate}, at least 1. */
  int frames(double frameRate) {
    return (int) Math.max(1, Math.round(frameRate * intervalUs / 1e6));
  }
}
