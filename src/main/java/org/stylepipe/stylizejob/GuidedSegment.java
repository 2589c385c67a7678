package org.stylepipe.stylizejob;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit of parallel work of the stylize job on a few-shot dataset: consecutive frames of one
 * sequence, in number order, and the frame before them (null for the sequence's first segment),
 * against which the flicker of the first is measured.
 */
public record GuidedSegment(
    GuidedSequence sequence, int index, GuidedFrame previous, List<GuidedFrame> frames)
    implements Serializable {

  public GuidedSegment {
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot plan segment " + index + " of " + sequence.name() + ": it has no frame");
    }
  }

  /**
   * {@code frames} of {@code sequence}, in number order, cut into segments of {@code segmentUs} of
   * presentation time from the first frame's: segment k holds the frames from k·segmentUs to
   * (k+1)·segmentUs after it; empty stretches make no segment, so indexes count the segments made.
   */
  public static List<GuidedSegment> plan(
      GuidedSequence sequence, List<GuidedFrame> frames, long segmentUs) {
    if (segmentUs < 1) {
      throw new IllegalArgumentException("Cannot cut segments of " + segmentUs + " us");
    }
    List<GuidedSegment> segments = new ArrayList<>();
    List<GuidedFrame> current = new ArrayList<>();
    long start = frames.isEmpty() ? 0 : frames.get(0).ptsUs();
    long slot = 0;
    GuidedFrame previous = null;
    GuidedFrame before = null;
    for (GuidedFrame frame : frames) {
      long frameSlot = Math.floorDiv(frame.ptsUs() - start, segmentUs);
      if (!current.isEmpty() && frameSlot != slot) {
        segments.add(new GuidedSegment(sequence, segments.size(), before, current));
        before = previous;
        current = new ArrayList<>();
      }
      slot = frameSlot;
      current.add(frame);
      previous = frame;
    }
    if (!current.isEmpty()) {
      segments.add(new GuidedSegment(sequence, segments.size(), before, current));
    }
    return segments;
  }

  /** The presentation time of the frame before the segment, {@link Long#MIN_VALUE} if none. */
  public long previousPtsUs() {
    return previous == null ? Long.MIN_VALUE : previous.ptsUs();
  }

  public GuidedFrame first() {
    return frames.get(0);
  }

  public GuidedFrame last() {
    return frames.get(frames.size() - 1);
  }
}
