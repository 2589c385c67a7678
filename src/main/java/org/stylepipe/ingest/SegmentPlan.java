package org.stylepipe.ingest;

import java.io.Serializable;

/**
 * One time segment of a recording: the frames whose presentation time lies in [{@code startUs}, {@code
 * endUs}). The first segment starts at {@link Long#MIN_VALUE} and the last ends at {@link Long#MAX_VALUE}, so
 * every frame belongs to exactly one segment. The planner also records what a task cannot see on its own: the
 * index of the segment's first frame in the recording, the number of frames the container lists, the first
 * frame's time (to verify the seek) and the time of the frame just before the segment ({@link Long#MIN_VALUE}
 * for the first segment; used by rate sampling).
 */
public record SegmentPlan(
    int index,
    long startUs,
    long endUs,
    long firstFrameIndex,
    int frameCount,
    long firstPtsUs,
    long previousPtsUs)
    implements Serializable {

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
