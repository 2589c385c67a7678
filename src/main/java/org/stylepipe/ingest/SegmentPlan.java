package org.stylepipe.ingest;

import java.io.Serializable;

/**
 * One time segment of a recording: the frames whose presentation time lies in [{@code startUs},
 * {@code endUs}). The first segment starts at {@link Long#MIN_VALUE} and the last ends at {@link
 * Long#MAX_VALUE}, so every frame belongs to exactly one segment. The planner also records what a
 * task cannot see on its own: the index of the segment's first frame in the recording, the number
 * of frames the container lists, the first frame's time (to verify the seek), the time of the frame
 * just before the segment ({@link Long#MIN_VALUE} for the first segment; used by rate sampling),
 * and the segment's {@link KeptFrames}.
 */
public record SegmentPlan(
    int index,
    long startUs,
    long endUs,
    long firstFrameIndex,
    int frameCount,
    long firstPtsUs,
    long previousPtsUs,
    KeptFrames kept)
    implements Serializable {

  /** A plan that keeps every frame of the segment and decodes nothing around it. */
  public SegmentPlan(
      int index,
      long startUs,
      long endUs,
      long firstFrameIndex,
      int frameCount,
      long firstPtsUs,
      long previousPtsUs) {
    this(
        index,
        startUs,
        endUs,
        firstFrameIndex,
        frameCount,
        firstPtsUs,
        previousPtsUs,
        new KeptFrames(
            firstFrameIndex,
            frameCount,
            0,
            firstFrameIndex,
            firstPtsUs,
            firstFrameIndex + frameCount - 1,
            Long.MIN_VALUE));
  }

  /**
   * The plan a reader follows to decode this segment together with its lead-in and lead-out frames
   * ({@link KeptFrames}): frames are numbered from the lead-in's index, and the first one decoded
   * is the lead-in.
   */
  public SegmentPlan withLeadFrames() {
    boolean leadIn = kept.leadInIndex() < firstFrameIndex;
    boolean leadOut = kept.leadOutIndex() >= firstFrameIndex + frameCount;
    long start = leadIn ? kept.leadInPtsUs() : startUs;
    long end = leadOut ? Math.max(endUs, kept.leadOutPtsUs() + 1) : endUs;
    long first = leadIn ? kept.leadInIndex() : firstFrameIndex;
    long last = leadOut ? kept.leadOutIndex() : firstFrameIndex + frameCount - 1;
    return new SegmentPlan(
        index,
        start,
        end,
        first,
        Math.toIntExact(last - first + 1),
        leadIn ? kept.leadInPtsUs() : firstPtsUs,
        leadIn ? Long.MIN_VALUE : previousPtsUs,
        kept);
  }

  /** Whether a frame at {@code ptsUs} belongs to this segment. */
  public boolean contains(long ptsUs) {
    return ptsUs >= startUs && ptsUs < endUs;
  }

  @Override
  public String toString() {
    return String.format(
        "segment %d [%s, %s) frames %d..%d",
        index,
        startUs == Long.MIN_VALUE ? "-inf" : startUs / 1e6 + "s",
        endUs == Long.MAX_VALUE ? "+inf" : endUs / 1e6 + "s",
        firstFrameIndex,
        firstFrameIndex + frameCount - 1);
  }
}
