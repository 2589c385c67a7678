package org.stylepipe.augment;

import static org.bytedeco.opencv.global.opencv_core.flip;

import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.Yuv420;

/**
 * Mirrors frames left to right into a reused buffer, valid until the next call: BGR and grey
 * images, and {@link Yuv420} frames plane by plane (exact: a chroma sample covers two whole
 * columns). Not thread-safe.
 */
public final class FrameMirror implements AutoCloseable {
  private static final int AROUND_VERTICAL_AXIS = 1;

  private final Mat out = new Mat();

  /** The mirror image of a BGR or grey image. */
  public Mat mirror(Mat src) {
    flip(src, out, AROUND_VERTICAL_AXIS);
    return out;
  }

  /** The mirror image of a {@link Yuv420} frame, plane by plane. */
  public Mat mirrorYuv420(Mat src) {
    Yuv420.map(src, out, false, (plane, mirrored) -> flip(plane, mirrored, AROUND_VERTICAL_AXIS));
    return out;
  }

  @Override
  public void close() {
    out.close();
  }
}
