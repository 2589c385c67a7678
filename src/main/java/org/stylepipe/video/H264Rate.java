package org.stylepipe.video;

import java.io.Serializable;

/**
 * How an H.264 video spends its bits: every frame at one quantizer, so that a segment's first frame
 * (a keyframe, coded on its own) has the quality of the frames coded from their predecessors, and
 * no more than a bit rate, where frames that would need more at that quantizer are coded coarser.
 *
 * @param quantizer the H.264 quantizer of every frame, 1 (best, largest) to 51
 * @param maxBitRate the most bits per second the video may take
 */
public record H264Rate(int quantizer, long maxBitRate) implements Serializable {
  public static final int MIN_QUANTIZER = 1;
  public static final int MAX_QUANTIZER = 51;

  /**
   * The most bits per second H.264 allows the Baseline profile OpenH264 writes (level 5.2, 240
   * Mbit/s); OpenH264 does not open above it.
   */
  public static final long MAX_BIT_RATE = 240_000_000;

  public H264Rate {
    if (quantizer < MIN_QUANTIZER
        || quantizer > MAX_QUANTIZER
        || maxBitRate <= 0
        || maxBitRate > MAX_BIT_RATE) {
      throw new IllegalArgumentException(
          "Cannot use quantizer " + quantizer + " at most " + maxBitRate + " bits/s");
    }
  }
}
