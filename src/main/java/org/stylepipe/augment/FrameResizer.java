package org.stylepipe.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.stylepipe.config.ResizeMode;

/**
 * Brings frames to the target size by the chosen {@link ResizeMode}: area averaging when shrinking
 * (no aliasing on the fine detail of game frames), bilinear when enlarging. Buffers are reused
 * across frames; the returned image is valid until the next call. Not thread-safe.
 */
public final class FrameResizer implements AutoCloseable {
  private final int width;
  private final int height;
  private final ResizeMode mode;
  private final Size target;
  private final Mat scaled = new Mat();
  private final Mat out = new Mat();

  public FrameResizer(int width, int height, ResizeMode mode) {
    this.width = width;
    this.height = height;
    this.mode = mode;
    this.target = new Size(width, height);
  }

  /** The frame at the target size; {@code src} itself when it already has that size. */
  public Mat resize(Mat src) {
    int sw = src.cols();
    int sh = src.rows();
    if (sw == width && sh == height) {
      return src;
    }
    Fitting fit = Fitting.of(sw, sh, width, height, mode);
    int interpolation = fit.shrinks() ? INTER_AREA : INTER_LINEAR;
    try (Rect window =
            new Rect(fit.sourceX(), fit.sourceY(), fit.sourceWidth(), fit.sourceHeight());
        Mat roi = new Mat(src, window)) {
      if (!fit.padded(width, height)) {
        opencv_imgproc.resize(roi, out, target, 0, 0, interpolation);
        return out;
      }
      try (Size size = new Size(fit.scaledWidth(), fit.scaledHeight())) {
        opencv_imgproc.resize(roi, scaled, size, 0, 0, interpolation);
      }
    }
    out.create(height, width, src.type());
    try (Scalar black = new Scalar(0, 0, 0, 0);
        Rect box = new Rect(fit.targetX(), fit.targetY(), fit.scaledWidth(), fit.scaledHeight());
        Mat roi = new Mat(out, box)) {
      out.put(black);
      scaled.copyTo(roi);
    }
    return out;
  }

  @Override
  public void close() {
    target.close();
    scaled.close();
    out.close();
  }
}
