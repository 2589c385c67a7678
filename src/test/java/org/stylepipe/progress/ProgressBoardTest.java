package org.stylepipe.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stylepipe.progress.ProgressBoard.Part;

/** Progress lines from task events alone: counts, rates, ETA, throttling, retries. */
class ProgressBoardTest {
  /** Two recordings: "gameplay" in four segments of 100 frames, "menu" in one of 50. */
  private static ProgressBoard board() {
    return new ProgressBoard(
        "stylize",
        List.of(
            new Part("gameplay", 100),
            new Part("gameplay", 100),
            new Part("menu", 50),
            new Part("gameplay", 100),
            new Part("gameplay", 100)),
        5000);
  }

  @Test
  void aLinePerRecordingWithRateAndEta() {
    ProgressBoard board = board();
    board.started(0, 1_000);
    board.started(1, 1_000);
    // 100 frames in 2 s: 50 frames/s; 300 planned frames left: 6 s.
    assertEquals(
        "stylize gameplay: 1/4 segments, 100 frames, 50.0 frames/s, ETA 0:06",
        board.finished(0, 100, 3_000));
    board.started(2, 3_000);
    assertEquals(
        "stylize menu: 1/1 segments, 50 frames, 25.0 frames/s, done in 0:02",
        board.finished(2, 50, 5_000));
  }

  @Test
  void linesOfARecordingAreThrottledButItsLastIsNot() {
    ProgressBoard board = board();
    board.started(0, 0);
    assertEquals(
        "stylize gameplay: 1/4 segments, 96 frames, 96.0 frames/s, ETA 0:03",
        board.finished(0, 96, 1_000));
    assertNull(board.finished(1, 100, 5_999), "within 5 s of the last line");
    assertEquals(
        "stylize gameplay: 3/4 segments, 296 frames, 46.3 frames/s, ETA 0:02",
        board.finished(3, 100, 6_400));
    assertEquals(
        "stylize gameplay: 4/4 segments, 396 frames, 60.9 frames/s, done in 0:07",
        board.finished(4, 100, 6_500));
  }

  @Test
  void aRetriedOrSpeculativePartitionCountsOnce() {
    ProgressBoard board = board();
    board.started(2, 0);
    assertEquals(
        "stylize menu: 1/1 segments, 50 frames, 50.0 frames/s, done in 0:01",
        board.finished(2, 50, 1_000));
    assertNull(board.finished(2, 50, 9_000));
  }

  @Test
  void etaIsUnknownBeforeAnyFrameAndClockShowsHours() {
    ProgressBoard board = board();
    board.started(0, 0);
    assertEquals(
        "stylize gameplay: 1/4 segments, 0 frames, 0.0 frames/s, ETA unknown",
        board.finished(0, 0, 1_000));
    assertEquals("0:00", ProgressBoard.clock(0));
    assertEquals("0:41", ProgressBoard.clock(41_000));
    assertEquals("1:00:05", ProgressBoard.clock(3_605_000));
  }
}
