package org.stylepipe.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which pairs, and where in them, each training step takes its crops from: uniformly at random from
 * a generator seeded by the run's seed and the step alone, so that a step draws the same samples
 * whether the run started at step 0 or resumed just before it.
 */
final class BatchSampler {
  private final List<FramePair> pairs;
  private final int batchSize;
  private final long seed;

  /**
   * A sample: the pair, and where the crop lies as fractions of the room the frame leaves around it
   * (the frame size is known once the pair is read).
   */
  record Pick(FramePair pair, double left, double top) {
    /** The crop's left and top edges in a frame of {@code width} x {@code height}. */
    int[] origin(int width, int height, int cropWidth, int cropHeight) {
      return new int[] {
        (int) (left * (width - cropWidth + 1)), (int) (top * (height - cropHeight + 1))
      };
    }
  }

  BatchSampler(List<FramePair> pairs, int batchSize, long seed) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("Cannot sample training batches from no pairs");
    }
    this.pairs = List.copyOf(pairs);
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /** The samples of step {@code step} (from 0). */
  List<Pick> picks(int step) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    List<Pick> picks = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      picks.add(
          new Pick(
              pairs.get(random.nextInt(pairs.size())), random.nextDouble(), random.nextDouble()));
    }
    return picks;
  }
}
