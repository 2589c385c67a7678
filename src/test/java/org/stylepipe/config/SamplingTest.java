package org.stylepipe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingTest {
  @Test
  void allKeepsEveryFrame() {
    assertTrue(Sampling.parse("all").keeps(7, 123, 100));
  }

  @Test
  void everyNthKeepsMultiplesOfTheRecordingIndex() {
    Sampling every3 = Sampling.parse("every:3");
    List<Long> kept = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      if (every3.keeps(i, i * 40_000, (i - 1) * 40_000)) {
        kept.add(i);
      }
    }
    assertEquals(List.of(0L, 3L, 6L, 9L), kept);
  }

  @Test
  void rateSamplingTakesTheFirstFrameAtOrAfterEachTick() {
    // 30 fps source sampled at 10 fps keeps every third frame, starting with the first.
    Sampling fps10 = Sampling.parse("fps:10");
    List<Integer> kept = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < 12; i++) {
      long pts = Math.round(i * 1_000_000 / 30.0);
      if (fps10.keeps(i, pts, previous)) {
        kept.add(i);
      }
      previous = pts;
    }
    assertEquals(List.of(0, 3, 6, 9), kept);
  }

  @Test
  void rateSamplingAcceptsFractionsAndDecimals() {
    assertEquals("fps:30000/1001", Sampling.parse("fps:30000/1001").toString());
    assertEquals("fps:25/10", Sampling.parse("fps:2.5").toString());
    // A frame exactly on a tick is kept; the next one before the following tick is not.
    Sampling fps2 = Sampling.parse("fps:2");
    assertTrue(fps2.keeps(5, 500_000, 499_999));
    assertFalse(fps2.keeps(6, 900_000, 500_000));
  }

  @Test
  void negativeTimestampsRoundDown() {
    Sampling fps1 = Sampling.parse("fps:1");
    assertTrue(fps1.keeps(1, 0, -1));
    assertFalse(fps1.keeps(1, -1, -500_000));
  }

  @Test
  void badRulesAreNamed() {
    for (String bad : List.of("every:0", "every:x", "fps:0", "fps:-1", "sometimes", "fps:1/0")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Sampling.parse(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
