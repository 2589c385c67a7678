package org.stylepipe.guides;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Which frames of a sequence (numbered from 1) are keyframes, the frames an artist stylizes and
 * whose masks seed the noise guides: every Nth frame (1, N+1, 2N+1, …), the first frame and every
 * scene change (a colour-histogram difference above a threshold, see {@link KeyframeSelector}), or
 * an explicit list. Immutable.
 */
public final class KeyframeRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kind of rule. */
  public enum Kind {
    EVERY,
    SCENE_CHANGE,
    LIST
  }

  private final Kind kind;
  private final int every;
  private final double threshold;
  private final int[] numbers;

  private KeyframeRule(Kind kind, int every, double threshold, int[] numbers) {
    this.kind = kind;
    this.every = every;
    this.threshold = threshold;
    this.numbers = numbers;
  }

  public static KeyframeRule every(int n) {
    if (n < 1) {
      throw new IllegalArgumentException(
          "Cannot pick every " + n + " frames as keys: N must be at least 1");
    }
    return new KeyframeRule(Kind.EVERY, n, 0, null);
  }

  /**
   * Keys where the colour-histogram distance to the previous frame (0 to 1) is above {@code
   * threshold}.
   */
  public static KeyframeRule sceneChange(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException(
          "Cannot detect scene changes with threshold "
              + threshold
              + ": it must be between 0 and 1");
    }
    return new KeyframeRule(Kind.SCENE_CHANGE, 0, threshold, null);
  }

  public static KeyframeRule list(Collection<Integer> frameNumbers) {
    int[] sorted = frameNumbers.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
    if (sorted.length == 0 || sorted[0] < 1) {
      throw new IllegalArgumentException(
          "Cannot use keyframes "
              + frameNumbers
              + ": expected at least one frame number, each from 1");
    }
    return new KeyframeRule(Kind.LIST, 0, 0, sorted);
  }

  public Kind kind() {
    return kind;
  }

  public double threshold() {
    return threshold;
  }

  /**
   * The rule as the dataset job's option writes it: {@code every:N}, {@code scene:T} or {@code
   * list:N,N}.
   */
  @Override
  public String toString() {
    switch (kind) {
      case EVERY:
        return "every:" + every;
      case SCENE_CHANGE:
        return "scene:" + threshold;
      default:
        return "list:"
            + Arrays.stream(numbers).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
  }

  /** Whether frame {@code number} is a key by an {@link Kind#EVERY} or {@link Kind#LIST} rule. */
  boolean isKey(int number) {
    return kind == Kind.EVERY
        ? (number - 1) % every == 0
        : Arrays.binarySearch(numbers, number) >= 0;
  }
}
