package org.stylepipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stylepipe.config.Sampling;

class SegmentPlannerTest {
  @Test
  void everyFrameFallsInExactlyOneSegmentWithConsistentIndices() {
    List<Long> pts = new ArrayList<>();
    Random random = new Random(1);
    long t = 33_000;
    for (int i = 0; i < 500; i++) {
      pts.add(t);
      t += 10_000 + random.nextInt(60_000);
    }
    List<Long> demuxOrder = new ArrayList<>(pts);
    Collections.shuffle(
        demuxOrder, new Random(2)); // B-frames: packets do not arrive in display order
    SegmentPlanner planner = new SegmentPlanner(3_000_000, Sampling.all(), 0, true);
    Random keys = new Random(3);
    demuxOrder.forEach(p -> planner.add(p, keys.nextInt(40) == 0));
    List<SegmentPlan> plan = planner.plan();

    assertEquals(Long.MIN_VALUE, plan.get(0).startUs());
    assertEquals(Long.MAX_VALUE, plan.get(plan.size() - 1).endUs());
    for (int s = 1; s < plan.size(); s++) {
      assertEquals(plan.get(s - 1).endUs(), plan.get(s).startUs(), "contiguous");
    }
    for (int i = 0; i < pts.size(); i++) {
      long p = pts.get(i);
      List<SegmentPlan> owners = plan.stream().filter(s -> s.contains(p)).toList();
      assertEquals(1, owners.size(), "frame at " + p);
      SegmentPlan owner = owners.get(0);
      int local = (int) pts.stream().filter(q -> owner.contains(q) && q < p).count();
      assertEquals(i, owner.firstFrameIndex() + local, "index of frame at " + p);
      if (local == 0) {
        assertEquals(p, owner.firstPtsUs());
        assertEquals(i == 0 ? Long.MIN_VALUE : pts.get(i - 1), owner.previousPtsUs());
      }
    }
    assertEquals(500, plan.stream().mapToInt(SegmentPlan::frameCount).sum());
  }

  @Test
  void boundariesMoveToTheNearestKeyframeWithinHalfASegment() {
    List<SegmentPlan> plan = twentySecondsWithKeyframes(true).plan();
    assertEquals(
        List.of(Long.MIN_VALUE, 4_000_000L, 10_000_000L, 15_000_000L),
        plan.stream().map(SegmentPlan::startUs).toList());
    assertEquals(
        List.of(0L, 120L, 300L, 450L), plan.stream().map(SegmentPlan::firstFrameIndex).toList());
    assertEquals(600, plan.stream().mapToInt(SegmentPlan::frameCount).sum());
  }

  @Test
  void withoutKeyframeBoundariesSegmentsStayOnTheGrid() {
    List<SegmentPlan> plan = twentySecondsWithKeyframes(false).plan();
    assertEquals(
        List.of(Long.MIN_VALUE, 5_000_000L, 10_000_000L, 15_000_000L),
        plan.stream().map(SegmentPlan::startUs).toList());
  }

  /** 30 fps for 20 s in 5 s segments; keyframes every 2 s, but none near the grid point at 15 s. */
  private static SegmentPlanner twentySecondsWithKeyframes(boolean keyframeBoundaries) {
    SegmentPlanner planner = new SegmentPlanner(5_000_000, Sampling.all(), 0, keyframeBoundaries);
    for (int i = 0; i < 600; i++) {
      long pts = i * 1_000_000L / 30;
      planner.add(pts, i % 60 == 0 && pts != 14_000_000 && pts != 16_000_000);
    }
    return planner;
  }

  @Test
  void gapsLongerThanASegmentLeaveNoEmptySegment() {
    SegmentPlanner planner = new SegmentPlanner(1_000_000);
    for (long p : new long[] {0, 500_000, 7_200_000, 7_300_000}) {
      planner.add(p);
    }
    List<SegmentPlan> plan = planner.plan();
    assertEquals(2, plan.size());
    assertEquals(7_000_000, plan.get(1).startUs());
    assertTrue(plan.stream().allMatch(s -> s.frameCount() > 0));
  }

  @Test
  void oneFrameMakesOneSegmentCoveringAllTime() {
    SegmentPlanner planner = new SegmentPlanner(10_000_000);
    planner.add(0);
    SegmentPlan only = planner.plan().get(0);
    assertTrue(only.contains(Long.MIN_VALUE) && only.contains(Long.MAX_VALUE - 1));
    assertEquals(1, only.frameCount());
  }

  @Test
  void keptFramesAreNumberedAcrossSegmentsWithLeadFramesAroundEach() {
    // 30 frames at 10 fps in segments of 1 s; every third frame kept (indices 0, 3, ..., 27),
    // lead-in of 2.
    SegmentPlanner planner = new SegmentPlanner(1_000_000, Sampling.everyNth(3), 2, false);
    for (int i = 29; i >= 0; i--) {
      planner.add(i * 100_000L);
    }
    List<SegmentPlan> plan = planner.plan();
    assertEquals(3, plan.size());
    KeptFrames first = plan.get(0).kept();
    assertEquals(new KeptFrames(0, 4, 0, 0, 0, 12, 1_200_000), first); // kept 0,3,6,9; lead-out 12
    KeptFrames second = plan.get(1).kept();
    assertEquals(
        new KeptFrames(4, 3, 2, 6, 600_000, 21, 2_100_000), second); // kept 12,15,18; lead-in 6,9
    KeptFrames third = plan.get(2).kept();
    assertEquals(
        new KeptFrames(7, 3, 2, 15, 1_500_000, 29, Long.MIN_VALUE), third); // kept 21,24,27
    assertEquals(8, third.firstNumber(), "numbers continue across segments");
    assertEquals(10, third.lastNumber());

    SegmentPlan decode = plan.get(1).withLeadFrames();
    assertEquals(600_000, decode.startUs());
    assertEquals(2_100_001, decode.endUs());
    assertEquals(6, decode.firstFrameIndex());
    assertEquals(16, decode.frameCount()); // frames 6..21
    assertEquals(Long.MIN_VALUE, decode.previousPtsUs(), "the lead-in frame is kept");
    SegmentPlan last = plan.get(2).withLeadFrames();
    assertEquals(Long.MAX_VALUE, last.endUs());
    assertEquals(15, last.frameCount()); // frames 15..29
  }

  @Test
  void withoutALeadInSegmentsDecodeOnlyTheirOwnFrames() {
    SegmentPlanner planner = new SegmentPlanner(1_000_000);
    for (int i = 0; i < 20; i++) {
      planner.add(i * 100_000L);
    }
    SegmentPlan second = planner.plan().get(1);
    assertEquals(new KeptFrames(10, 10, 0, 10, 1_000_000, 19, Long.MIN_VALUE), second.kept());
    assertEquals(second, second.withLeadFrames());
  }
}
