package org.stylepipe.stylizejob;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.stylepipe.video.KeyframeGrid;

/**
 * The unit of parallel work of the stylize job on a few-shot dataset: consecutive frames of one
 * sequence, in number order, and the frame before them (null for the sequence's first segment),
 * against which the flicker of the first is measured.
 *
 * @param startUs the presentation time of the sequence's first frame, where segments and the
 *     video's keyframe grid are counted from
 * @param frameRate the sequence's mean frame rate, the same for every segment so that each encodes
 *     its part of the video as the whole would
 */
public record GuidedSegment(
    GuidedSequence sequence,
    int index,
    GuidedFrame previous,
    List<GuidedFrame> frames,
    long startUs,
    double frameRate)
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
    double rate = frameRate(frames);
    long slot = 0;
    GuidedFrame previous = null;
    GuidedFrame before = null;
    for (GuidedFrame frame : frames) {
      long frameSlot = Math.floorDiv(frame.ptsUs() - start, segmentUs);
      if (!current.isEmpty() && frameSlot != slot) {
        segments.add(new GuidedSegment(sequence, segments.size(), before, current, start, rate));
        before = previous;
        current = new ArrayList<>();
      }
      slot = frameSlot;
      current.add(frame);
      previous = frame;
    }
    if (!current.isEmpty()) {
      segments.add(new GuidedSegment(sequence, segments.size(), before, current, start, rate));
    }
    return segments;
  }

  /** Frames per second over the frames' presentation times; 30 for a single frame. */
  private static double frameRate(List<GuidedFrame> frames) {
    long span =
        frames.isEmpty() ? 0 : frames.get(frames.size() - 1).ptsUs() - frames.get(0).ptsUs();
    return span <= 0 ? 30 : (frames.size() - 1) * 1e6 / span;
  }

  /** The sequence video's keyframes, 2 s apart from the sequence's first frame. */
  public KeyframeGrid keyframes() {
    return KeyframeGrid.stylized(startUs);
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
