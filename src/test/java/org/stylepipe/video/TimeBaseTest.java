package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeBaseTest {
  @Test
  void microsecondsAreRoundedAsFfprobeRoundsAndMapBackToTheirTicks() {
    TimeBase fifteen = new TimeBase(1, 15);
    assertEquals(66667, fifteen.micros(1)); // ffprobe: pts_time 0.066667
    assertEquals(133333, fifteen.micros(2));
    TimeBase mp4 = new TimeBase(1, 15360);
    for (long ticks = 0; ticks < 100_000; ticks += 97) {
      assertEquals(ticks, mp4.ticks(mp4.micros(ticks)));
    }
  }
}
