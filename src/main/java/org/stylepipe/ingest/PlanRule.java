package org.stylepipe.ingest;

import java.io.Serializable;
import org.stylepipe.config.Sampling;

/**
 * How recordings are planned: the segment length, which frames are kept, how many kept frames each
 * segment's decoding starts before its first ({@link KeptFrames}; 0 for none), and whether segment
 * boundaries move to nearby keyframes (for jobs whose segments need not match another video's).
 */
public record PlanRule(long segmentUs, Sampling sampling, int leadIn, boolean keyframeBoundaries)
    implements Serializable {
  /** Segments of {@code segmentUs} on the grid, every frame kept, no lead-in. */
  public static PlanRule segments(long segmentUs) {
    return new PlanRule(segmentUs, Sampling.all(), 0, false);
  }

  SegmentPlanner planner() {
    return new SegmentPlanner(segmentUs, sampling, leadIn, keyframeBoundaries);
  }
}
