package org.stylepipe.guides;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The positions of one keyframe's noise points in each frame of a contiguous range that contains
 * the key, with their colours. Small data (8 bytes per point and frame): tracks are made in a cheap
 * pass over the flow files ({@link TrackAdvector}) and sliced per segment for rendering. Immutable.
 */
public final class PointTracks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int keyFrame;
  private final int firstFrame;
  private final int[] rgb;
  private final float[][] positions;

  /**
   * {@code positions[i]} are the points in frame {@code firstFrame + i}; arrays are taken, not
   * copied.
   */
  PointTracks(int keyFrame, int firstFrame, int[] rgb, float[][] positions) {
    this.keyFrame = keyFrame;
    this.firstFrame = firstFrame;
    this.rgb = rgb;
    this.positions = positions;
  }

  public int keyFrame() {
    return keyFrame;
  }

  public int firstFrame() {
    return firstFrame;
  }

  public int lastFrame() {
    return firstFrame + positions.length - 1;
  }

  public int size() {
    return rgb.length;
  }

  public boolean covers(int frame) {
    return frame >= firstFrame && frame <= lastFrame();
  }

  public boolean overlaps(int first, int last) {
    return first <= lastFrame() && last >= firstFrame;
  }

  /** Positions in {@code frame}, x and y interleaved (a copy). */
  public float[] at(int frame) {
    return positionsIn(frame).clone();
  }

  /** These tracks cut to the frames in [first, last], which must overlap them. */
  public PointTracks slice(int first, int last) {
    if (!overlaps(first, last)) {
      throw new IllegalArgumentException(
          "Cannot slice tracks of frames "
              + firstFrame
              + ".."
              + lastFrame()
              + " to "
              + first
              + ".."
              + last
              + ": no frame in common");
    }
    int from = Math.max(first, firstFrame);
    int to = Math.min(last, lastFrame());
    return new PointTracks(
        keyFrame, from, rgb, Arrays.copyOfRange(positions, from - firstFrame, to - firstFrame + 1));
  }

  float[] positionsIn(int frame) {
    if (!covers(frame)) {
      throw new IllegalArgumentException(
          "Cannot get positions in frame "
              + frame
              + ": tracks cover "
              + firstFrame
              + ".."
              + lastFrame());
    }
    return positions[frame - firstFrame];
  }

  int[] colours() {
    return rgb;
  }
}
