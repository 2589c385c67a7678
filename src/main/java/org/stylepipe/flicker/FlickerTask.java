package org.stylepipe.flicker;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/**
 * The unit of parallel work: one segment of a recording and the same frames of its stylized video
 * (the URI {@code stylized}), measured at {@code width}x{@code height}, the stylized video's size.
 */
public record FlickerTask(
    Recording recording, String stylized, SegmentPlan segment, int width, int height)
    implements Serializable {

  /**
   * The frames the task decodes: its segment and the frame before it (the segment alone for the
   * recording's first), so that the segment's first frame is measured against its predecessor as in
   * one sequential run. Its {@code previousPtsUs} is unknown ({@link Long#MIN_VALUE}).
   */
  public SegmentPlan span() {
    if (segment.previousPtsUs() == Long.MIN_VALUE) {
      return segment;
    }
    return new SegmentPlan(
        segment.index(),
        segment.previousPtsUs(),
        segment.endUs(),
        segment.firstFrameIndex() - 1,
        segment.frameCount() + 1,
        segment.previousPtsUs(),
        Long.MIN_VALUE);
  }
}
