package org.stylepipe.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

/** Display matrices as FFmpeg writes them, turned as the ffmpeg command turns them. */
class OrientationTest {
  @Test
  void displayMatricesBecomeTheTurnsOfTheFfmpegCommand() {
    assertEquals(Orientation.UPRIGHT, orientation(0, false));
    assertEquals(new Orientation(90, Orientation.Turn.CLOCK), orientation(90, false));
    assertEquals(new Orientation(270, Orientation.Turn.CCLOCK), orientation(-90, false));
    assertEquals(new Orientation(180, Orientation.Turn.HVFLIP), orientation(180, false));
    assertEquals(new Orientation(0, Orientation.Turn.VFLIP), orientation(0, true));
    assertEquals(Orientation.Turn.NONE, orientation(45, false).turn());
  }

  /**
   * The orientation of a display matrix that turns the picture clockwise by {@code degrees} ({@code
   * av_display_rotation_set}), flipped vertically if asked.
   */
  private static Orientation orientation(double degrees, boolean vflip) {
    int[] matrix = new int[9];
    avutil.av_display_rotation_set(matrix, degrees);
    if (vflip) {
      avutil.av_display_matrix_flip(matrix, 0, 1);
    }
    return Orientation.of(matrix, avutil.av_display_rotation_get(matrix));
  }
}
