package org.stylepipe.ingest;

import java.io.Serializable;

/**
 * One time segment of a recording: the frames whose presentation time lies in [{@code startUs}, {@code
 * endUs}). The first segment starts at {@link Long#MIN_VALUE} and the last ends at {@link Long#MAX_VALUE}, so
 * every frame belongs to exactly one segment. The planner also records what a task cannot see on its own: the
 * index of the segment's first frame in the recording, the number of frames the container lists, the first
 * frame's time (to verify the seek) and the time of the frame just before the segment (for rate sampling).
 */
public final class SegmentPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final long startUs;
  private final long endUs;
  private final long firstFrameIndex;
  private final int frameCount;
  private final long firstPtsUs;
  private final long previousPtsUs;

  public SegmentPlan(
      int index,
      long startUs,
      long endUs,
      long firstFrameIndex,
      int frameCount,
      long firstPtsUs,
      long previousPtsUs) {
    this.index = index;
    this.startUs = startUs;
    this.endUs = endUs;
    this.firstFrameIndex = firstFrameIndex;
    this.frameCount = frameCount;
    this.firstPtsUs = firstPtsUs;
    this.previousPtsUs = previousPtsUs;
  }

  public int index() {
    return index;
  }

  public long startUs() {
    return startUs;
  }

  public long endUs() {
    return endUs;
  }

  public long firstFrameIndex() {
    return firstFrameIndex;
  }

  public int frameCount() {
    return frameCount;
  }

  public long firstPtsUs() {
    return firstPtsUs;
  }

  /** Time of the last frame before this segment, or {@link Long#MIN_VALUE} for the first segment. */
  public long previousPtsUs() {
    return previousPtsUs;
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
