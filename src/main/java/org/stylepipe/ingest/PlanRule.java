package org.stylepipe.ingest;

import java.io.Serializable;
import org.stylepipe.config.Sampling;

/**
 * How recordings are planned: the segment length, which frames are kept, and how many kept frames
 * each segment's decoding starts before its first ({@link KeptFrames}; 0 for none).
 */
public record PlanRule(long segmentUs, Sampling sampling, int leadIn) implements Serializable {
  /** Segments of {@code segmentUs}, every frame kept, no lead-in. */
  public static PlanRule segments(long segmentUs) {
    return new PlanRule(segmentUs, Sampling.all(), 0);
  }

  SegmentPlanner planner() {
    return new SegmentPlanner(segmentUs, sampling, leadIn);
  }
}
