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
    switch (mode) {
      case STRETCH:
        opencv_imgproc.resize(src, out, target, 0, 0, interpolation(sw, sh, width, height));
        return out;
      case CROP:
        return crop(src, sw, sh);
      default:
        return fit(src, sw, sh);
    }
  }

  private Mat crop(Mat src, int sw, int sh) {
    // The largest centred source window with the target's aspect ratio, scaled to the target.
    int cw = (int) Math.min(sw, Math.round((double) width * sh / height));
    int ch = (int) Math.min(sh, Math.round((double) height * sw / width));
    try (Rect window = new Rect((sw - cw) / 2, (sh - ch) / 2, cw, ch);
        Mat roi = new Mat(src, window)) {
      opencv_imgproc.resize(roi, out, target, 0, 0, interpolation(cw, ch, width, height));
    }
    return out;
  }

  private Mat fit(Mat src, int sw, int sh) {
    double scale = Math.min((double) width / sw, (double) height / sh);
    int w = Math.max(1, Math.min(width, (int) Math.round(sw * scale)));
    int h = Math.max(1, Math.min(height, (int) Math.round(sh * scale)));
    try (Size size = new Size(w, h)) {
      opencv_imgproc.resize(src, scaled, size, 0, 0, interpolation(sw, sh, w, h));
    }
    out.create(height, width, src.type());
    try (Scalar black = new Scalar(0, 0, 0, 0);
        Rect window = new Rect((width - w) / 2, (height - h) / 2, w, h);
        Mat roi = new Mat(out, window)) {
      out.put(black);
      scaled.copyTo(roi);
    }
    return out;
  }

  private static int interpolation(int sw, int sh, int dw, int dh) {
    return (long) dw * dh < (long) sw * sh ? INTER_AREA : INTER_LINEAR;
  }

  @Override
  public void close() {
    target.close();
    scaled.close();
    out.close();
  }
}
