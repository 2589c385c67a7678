package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuidedSegmentTest {
  private static final GuidedSequence SEQUENCE =
      new GuidedSequence(
          "run", "run", "file:/r/run.mp4", false, 64, 48, 3, org.stylepipe.video.TimeBase.MICROS);

  @Test
  void segmentsCutThePresentationTimeFromTheFirstFrame() {
    // 30 frames/s from 1 s on, every other frame kept (a sampled dataset), 0.5 s segments.
    List<GuidedFrame> frames = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      long pts = 1_000_000 + (n - 1) * 66_666L;
      frames.add(new GuidedFrame(n, 30 + 2 * (n - 1), pts, "i" + n, "g" + n));
    }
    List<GuidedSegment> segments = GuidedSegment.plan(SEQUENCE, frames, 500_000);
    assertEquals(3, segments.size());
    assertEquals(List.of(1, 9, 17), segments.stream().map(s -> s.first().number()).toList());
    assertEquals(List.of(8, 16, 20), segments.stream().map(s -> s.last().number()).toList());
    assertEquals(Long.MIN_VALUE, segments.get(0).previousPtsUs());
    assertEquals(frames.get(7).ptsUs(), segments.get(1).previousPtsUs());
    assertEquals(frames.get(15).ptsUs(), segments.get(2).previousPtsUs());
    assertEquals(List.of(0, 1, 2), segments.stream().map(GuidedSegment::index).toList());
  }

  @Test
  void aGapMakesNoEmptySegment() {
    List<GuidedFrame> frames =
        List.of(
            new GuidedFrame(1, 0, 0, "a", "a"),
            new GuidedFrame(2, 1, 100_000, "b", "b"),
            new GuidedFrame(3, 90, 3_000_000, "c", "c"));
    List<GuidedSegment> segments = GuidedSegment.plan(SEQUENCE, frames, 1_000_000);
    assertEquals(2, segments.size());
    assertEquals(1, segments.get(1).index());
    assertEquals(100_000, segments.get(1).previousPtsUs());
    assertEquals("001.png", SEQUENCE.fileName(1));
    assertThrows(IllegalArgumentException.class, () -> GuidedSegment.plan(SEQUENCE, frames, 0));
  }
}
