package org.stylepipe.ingest;

import java.io.Serializable;
import org.stylepipe.config.Sampling;
import org.stylepipe.video.VideoStreams;

/**
 * How recordings are planned: the segment length, which frames are kept, how many kept frames each
 * segment's decoding starts before its first ({@link KeptFrames}; 0 for none), whether segment
 * boundaries move to nearby keyframes (for jobs whose segments need not match another video's), and
 * which video stream is read ({@link VideoStreams#DEFAULT}: the one ffmpeg picks).
 */
public record PlanRule(
    long segmentUs, Sampling sampling, int leadIn, boolean keyframeBoundaries, int videoStream)
    implements Serializable {
  /**
   * Segments of {@code segmentUs} on the grid, every frame kept, no lead-in, the default stream.
   */
  public static PlanRule segments(long segmentUs) {
    return new PlanRule(segmentUs, Sampling.all(), 0, false, VideoStreams.DEFAULT);
  }

  /** This rule reading video stream {@code stream}. */
  public PlanRule withVideoStream(int stream) {
    return new PlanRule(segmentUs, sampling, leadIn, keyframeBoundaries, stream);
  }

  SegmentPlanner planner() {
    return new SegmentPlanner(segmentUs, sampling, leadIn, keyframeBoundaries);
  }
}
