package org.stylepipe.report;

/** Picks items spread evenly over a sequence, for sampling segments and frames. */
final class EvenSpread {
  private EvenSpread() {}

  /** {@code min(k, n)} distinct positions in [0, n), ascending, the first at 0, evenly spaced. */
  static int[] pick(int n, int k) {
    int count = Math.min(n, k);
    int[] positions = new int[count];
    for (int i = 0; i < count; i++) {
      positions[i] = (int) ((long) i * n / count);
    }
    return positions;
  }

  /**
   * How many to pick from each of {@code groups} groups so that {@code wanted} are picked in all.
   */
  static int perGroup(int wanted, int groups) {
    return groups == 0 ? 0 : (wanted + groups - 1) / groups;
  }
}
