package org.stylepipe.dataset;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/** The unit of parallel work: one segment of one recording. */
public final class SegmentTask implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Recording recording;
  private final SegmentPlan segment;

  public SegmentTask(Recording recording, SegmentPlan segment) {
    this.recording = recording;
    this.segment = segment;
  }

  public Recording recording() {
    return recording;
  }

  public SegmentPlan segment() {
    return segment;
  }
}
