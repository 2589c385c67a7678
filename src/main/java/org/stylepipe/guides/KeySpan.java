package org.stylepipe.guides;

import java.io.Serializable;
import java.util.List;

/**
 * The frames a keyframe's noise points are tracked over. The reference {@code gauss} tool tracks
 * every key over the whole sequence ({@link #ALL}), which costs keys x frames; with a reach of N
 * keys, a key's tracks end at the Nth key before and after it (or the sequence's ends), so each
 * frame is drawn from its 2N nearest keys and the cost stays proportional to the frames.
 */
public record KeySpan(int first, int last) implements Serializable {
  /** Reach of the reference: every key over the whole sequence. */
  public static final int ALL = Integer.MAX_VALUE;

  public KeySpan {
    if (first > last) {
      throw new IllegalArgumentException(
          "Cannot create key span " + first + ".." + last + ": first after last");
    }
  }

  /**
   * The span of key {@code keys.get(index)} among sorted {@code keys}, in the sequence of frames
   * {@code firstFrame..lastFrame}, reaching {@code reach} (at least 1, or {@link #ALL}) keys each
   * way.
   */
  public static KeySpan of(
      List<Integer> keys, int index, int reach, int firstFrame, int lastFrame) {
    if (reach < 1) {
      throw new IllegalArgumentException(
          "Cannot span keys with reach " + reach + ": it must be at least 1");
    }
    long before = (long) index - reach;
    long after = (long) index + reach;
    return new KeySpan(
        before < 0 ? firstFrame : keys.get((int) before),
        after >= keys.size() ? lastFrame : keys.get((int) after));
  }
}
