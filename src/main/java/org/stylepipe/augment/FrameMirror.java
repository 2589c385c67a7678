package org.stylepipe.augment;

import static org.bytedeco.opencv.global.opencv_core.flip;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Mirrors frames left to right into a reused buffer, valid until the next call. Not thread-safe.
 */
public final class FrameMirror implements AutoCloseable {
  private static final int AROUND_VERTICAL_AXIS = 1;

  private final Mat out = new Mat();

  public Mat mirror(Mat src) {
    flip(src, out, AROUND_VERTICAL_AXIS);
    return out;
  }

  @Override
  public void close() {
    out.close();
  }
}
