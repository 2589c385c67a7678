package org.stylepipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
    Collections.shuffle(demuxOrder, new Random(2)); // B-frames: packets do not arrive in display order
    SegmentPlanner planner = new SegmentPlanner(3_000_000);
    demuxOrder.forEach(planner::add);
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
}
