package org.stylepipe.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class KeyframeSelectorTest {
  @Test
  void everyNthFrameFromTheFirst() {
    assertEquals(List.of(1, 6, 11), keys(KeyframeRule.every(5), frames(12), 1));
  }

  @Test
  void anExplicitList() {
    assertEquals(List.of(3, 7, 12), keys(KeyframeRule.list(Set.of(12, 7, 3)), frames(12), 1));
  }

  @Test
  void theFirstFrameAndEverySceneChange() {
    List<Mat> frames = frames(10);
    // Frames 7..10 are a darker scene: a cut before frame 7.
    for (int i = 6; i < 10; i++) {
      frames.get(i).convertTo(frames.get(i), -1, 0.4, 0);
    }
    KeyframeRule rule = KeyframeRule.sceneChange(0.5);
    assertEquals(List.of(1, 7), keys(rule, frames, 1));
    // A segment task for frames 7..10 starts after frame 6: its first frame is still a scene
    // change.
    KeyframeSelector segment = new KeyframeSelector(rule);
    segment.startAfter(6, frames.get(5));
    assertTrue(segment.isKey(7, frames.get(6)));
    assertFalse(segment.isKey(8, frames.get(7)));
  }

  @Test
  void sceneChangesNeedThePreviousFrame() {
    KeyframeSelector selector = new KeyframeSelector(KeyframeRule.sceneChange(0.5));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> selector.isKey(5, frames(1).get(0)));
    assertEquals(
        "Cannot detect a scene change at frame 5: frame 4 must be given first (see startAfter)",
        e.getMessage());
  }

  @Test
  void invalidRulesAreClearErrors() {
    assertEquals(
        "Cannot pick every 0 frames as keys: N must be at least 1",
        assertThrows(IllegalArgumentException.class, () -> KeyframeRule.every(0)).getMessage());
    assertEquals(
        "Cannot use keyframes [0]: expected at least one frame number, each from 1",
        assertThrows(IllegalArgumentException.class, () -> KeyframeRule.list(List.of(0)))
            .getMessage());
  }

  /** The key numbers among frames numbered from {@code first}, fed in order. */
  private static List<Integer> keys(KeyframeRule rule, List<Mat> frames, int first) {
    KeyframeSelector selector = new KeyframeSelector(rule);
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      if (selector.isKey(first + i, frames.get(i))) {
        keys.add(first + i);
      }
    }
    return keys;
  }

  private static List<Mat> frames(int count) {
    return SyntheticFrames.panned(64, 48, count, 2, 1, 9);
  }
}
