package org.stylepipe.decode;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;

import java.io.Serializable;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How a decoded picture is turned to be shown upright, from the display matrix of its stream (the
 * {@code rotate} tag of phones and capture tools becomes one), as the {@code ffmpeg} command turns
 * it by default: a quarter turn is a transpose, clockwise or counter-clockwise, flipped where the
 * matrix mirrors; a half turn and plain mirroring are flips. Turns by other angles are not applied
 * ({@link #applied()} false), as the ffmpeg command would rotate by a non-right angle.
 *
 * @param degrees the clockwise turn applied to show the picture, 0, 90, 180 or 270 (the angle of
 *     the display matrix for one that is not applied)
 */
public record Orientation(int degrees, Turn turn) implements Serializable {
  /** The upright orientation: nothing to do. */
  public static final Orientation UPRIGHT = new Orientation(0, Turn.NONE);

  /** The operation on the picture, as FFmpeg's filters name it. */
  public enum Turn {
    NONE,
    CLOCK,
    CCLOCK,
    CLOCK_FLIP,
    CCLOCK_FLIP,
    HFLIP,
    VFLIP,
    HVFLIP
  }

  /**
   * The orientation of a 3x3 display matrix (16.16 fixed point, as FFmpeg stores it) whose rotation
   * is {@code rotationDegrees} ({@code av_display_rotation_get}: counter-clockwise), or {@link
   * #UPRIGHT} for none.
   */
  public static Orientation of(int[] matrix, double rotationDegrees) {
    if (matrix == null) {
      return UPRIGHT;
    }
    double theta = -Math.round(rotationDegrees);
    theta -= 360 * Math.floor(theta / 360 + 0.9 / 360);
    if (Math.abs(theta - 90) < 1) {
      return new Orientation(90, matrix[3] > 0 ? Turn.CCLOCK_FLIP : Turn.CLOCK);
    }
    if (Math.abs(theta - 180) < 1) {
      boolean h = matrix[0] < 0;
      boolean v = matrix[4] < 0;
      return new Orientation(
          180, h && v ? Turn.HVFLIP : h ? Turn.HFLIP : v ? Turn.VFLIP : Turn.NONE);
    }
    if (Math.abs(theta - 270) < 1) {
      return new Orientation(270, matrix[3] < 0 ? Turn.CLOCK_FLIP : Turn.CCLOCK);
    }
    if (Math.abs(theta) > 1) {
      return new Orientation((int) theta, Turn.NONE);
    }
    return matrix[4] < 0 ? new Orientation(0, Turn.VFLIP) : UPRIGHT;
  }

  /** Whether the picture is changed. */
  public boolean applied() {
    return turn != Turn.NONE;
  }

  /** The clockwise turn in degrees that makes the picture upright (0 if none is applied). */
  public int rotation() {
    return applied() ? degrees : 0;
  }

  /** Whether width and height trade places. */
  public boolean transposes() {
    return turn == Turn.CLOCK
        || turn == Turn.CCLOCK
        || turn == Turn.CLOCK_FLIP
        || turn == Turn.CCLOCK_FLIP;
  }

  /**
   * Writes {@code picture} shown upright into {@code out} (a turn is applied: {@link #applied()}).
   */
  public void apply(Mat picture, Mat out) {
    switch (turn) {
      case CLOCK -> opencv_core.rotate(picture, out, ROTATE_90_CLOCKWISE);
      case CCLOCK -> opencv_core.rotate(picture, out, ROTATE_90_COUNTERCLOCKWISE);
      case CCLOCK_FLIP -> opencv_core.transpose(picture, out);
      case CLOCK_FLIP -> {
        opencv_core.transpose(picture, out);
        opencv_core.flip(out, out, -1);
      }
      case HFLIP -> opencv_core.flip(picture, out, 1);
      case VFLIP -> opencv_core.flip(picture, out, 0);
      case HVFLIP -> opencv_core.flip(picture, out, -1);
      default -> throw new IllegalStateException("Cannot turn a picture by " + turn);
    }
  }

  @Override
  public String toString() {
    return applied()
        ? "rotated " + degrees + "°" + (turn.name().endsWith("FLIP") ? " (" + turn + ")" : "")
        : degrees != 0 ? "rotation " + degrees + "° not applied" : "upright";
  }
}
