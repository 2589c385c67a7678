package org.stylepipe.guides;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class DisFlowTest {
  private static final int BORDER = 16;

  @Test
  void recoversAPanWithinAQuarterPixelInTheInterior() {
    List<Mat> frames = SyntheticFrames.panned(160, 120, 4, 3, -2, 1);
    try (DisFlow dis = new DisFlow(FlowPreset.MEDIUM)) {
      assertNull(dis.next(frames.get(0)), "the first frame completes no pair");
      for (int t = 1; t < frames.size(); t++) {
        DisFlow.Pair pair = dis.next(frames.get(t));
        // The camera pans by (3, -2), so content moves by (-3, +2): t-1 -> t is (-3, 2), t -> t-1
        // is (3, -2).
        assertTrue(
            maxError(pair.forward(), 3, -2) < 0.25,
            "forward flow error " + maxError(pair.forward(), 3, -2));
        assertTrue(
            maxError(pair.backward(), -3, 2) < 0.25,
            "backward flow error " + maxError(pair.backward(), -3, 2));
      }
    }
  }

  @Test
  void flowsDoNotDependOnWhereASegmentStarts() {
    List<Mat> frames = SyntheticFrames.panned(96, 64, 5, 2, 1, 2);
    MemoryFlows whole = MemoryFlows.of(frames);
    // A segment task for frames 3..5 that also decodes frame 2 before it.
    MemoryFlows segment = MemoryFlows.of(frames.subList(1, 5));
    for (int frame = 3; frame <= 5; frame++) {
      assertArrayEquals(
          whole.forward(frame).values(),
          segment.forward(frame - 1).values(),
          "forward of " + frame);
    }
    for (int frame = 3; frame <= 4; frame++) {
      assertArrayEquals(
          whole.backward(frame).values(),
          segment.backward(frame - 1).values(),
          "backward of " + frame);
    }
  }

  @Test
  void aChangeOfFrameSizeIsAnError() {
    List<Mat> small = SyntheticFrames.panned(32, 24, 1, 0, 0, 3);
    List<Mat> large = SyntheticFrames.panned(40, 24, 1, 0, 0, 3);
    try (DisFlow dis = new DisFlow(FlowPreset.ULTRAFAST)) {
      dis.next(small.get(0));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> dis.next(large.get(0)));
      assertEquals("Cannot compute flow: frame size changed from 32x24 to 40x24", e.getMessage());
    }
  }

  private static double maxError(FlowField flow, float dx, float dy) {
    double max = 0;
    for (int y = BORDER; y < flow.height() - BORDER; y++) {
      for (int x = BORDER; x < flow.width() - BORDER; x++) {
        max = Math.max(max, Math.hypot(flow.dx(x, y) - dx, flow.dy(x, y) - dy));
      }
    }
    return max;
  }
}
