package org.stylepipe.ingest;

import java.io.Serializable;

/**
 * A segment's part of its recording's sequence of kept frames (the frames the sampling keeps,
 * numbered from 1 in presentation order), and the frames a task decodes around the segment so that
 * operations over consecutive kept frames (optical flow, scene changes, background models) see at
 * the segment's edges what a sequential run sees.
 *
 * @param before kept frames before this segment: its first kept frame is number {@code before + 1}
 * @param count kept frames in this segment
 * @param leadInFrames kept frames decoded before the segment's first (0 without a lead-in)
 * @param leadInIndex index in the recording of the first frame to decode: the kept frame a chosen
 *     number of kept frames before the segment's first (or the recording's first kept frame), or
 *     the segment's own first frame
 * @param leadInPtsUs presentation time of that frame
 * @param leadOutIndex index of the last frame to decode: the first kept frame after the segment, or
 *     the segment's own last frame
 * @param leadOutPtsUs presentation time of that frame if it lies after the segment, else {@link
 *     Long#MIN_VALUE}
 */
public record KeptFrames(
    long before,
    int count,
    int leadInFrames,
    long leadInIndex,
    long leadInPtsUs,
    long leadOutIndex,
    long leadOutPtsUs)
    implements Serializable {

  /** The sequence number of the segment's first kept frame. */
  public long firstNumber() {
    return before + 1;
  }

  /**
   * The sequence number of the segment's last kept frame ({@link #firstNumber} - 1 if it keeps
   * none).
   */
  public long lastNumber() {
    return before + count;
  }
}
