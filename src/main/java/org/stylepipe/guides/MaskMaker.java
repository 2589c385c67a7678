package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YCrCb;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractor;

/**
 * Makes the 8-bit 0/255 mask of each frame by a {@link MaskSpec}. Frames are 8-bit BGR. {@link
 * MaskMode#BACKGROUND} learns from the frames, so they must come in order. The returned mask is
 * reused: valid until the next call. Not thread-safe.
 */
public final class MaskMaker implements AutoCloseable {
  private static final double VAR_THRESHOLD_MOG2 = 16;
  private static final double DIST_THRESHOLD_KNN = 400;

  private final MaskSpec spec;
  private final BackgroundSubtractor subtractor;
  private final Mat mask = new Mat();
  private final Mat work = new Mat();
  private final Mat low;
  private final Mat high;

  public MaskMaker(MaskSpec spec) {
    this.spec = spec;
    this.subtractor =
        spec.mode() != MaskMode.BACKGROUND
            ? null
            : spec.subtractor() == MaskSpec.Subtractor.MOG2
                ? opencv_video.createBackgroundSubtractorMOG2(
                    spec.history(), VAR_THRESHOLD_MOG2, true)
                : opencv_video.createBackgroundSubtractorKNN(
                    spec.history(), DIST_THRESHOLD_KNN, true);
    if (spec.mode() == MaskMode.CHROMA) {
      int[] key = keyCrCb(spec.keyRgb());
      int tolerance = spec.chromaTolerance();
      low = bound(0, key[0] - tolerance, key[1] - tolerance);
      high = bound(255, key[0] + tolerance, key[1] + tolerance);
    } else {
      low = null;
      high = null;
    }
  }

  /** The mask of {@code frame}; for {@link MaskMode#TRACK} use {@link #make(Mat, Mat)}. */
  public Mat make(Mat frame) {
    return make(frame, null);
  }

  /**
   * The mask of {@code frame}, taken from {@code companion} (the engine's mask frame) in {@link
   * MaskMode#TRACK}.
   */
  public Mat make(Mat frame, Mat companion) {
    switch (spec.mode()) {
      case FULL:
        mask.create(frame.rows(), frame.cols(), CV_8UC1);
        try (Scalar white = new Scalar(255)) {
          mask.put(white);
        }
        break;
      case LUMA:
        cvtColor(frame, work, COLOR_BGR2GRAY);
        threshold(work, mask, spec.lumaThreshold(), 255, THRESH_BINARY);
        break;
      case CHROMA:
        cvtColor(frame, work, COLOR_BGR2YCrCb);
        inRange(work, low, high, mask);
        bitwise_not(mask, mask);
        break;
      case BACKGROUND:
        subtractor.apply(frame, work, -1);
        threshold(work, mask, 127, 255, THRESH_BINARY);
        break;
      default:
        fromCompanion(frame, companion);
    }
    morphology();
    return mask;
  }

  private void fromCompanion(Mat frame, Mat companion) {
    if (companion == null) {
      throw new IllegalArgumentException(
          "Cannot make a track mask: no companion mask frame was given");
    }
    if (companion.cols() != frame.cols() || companion.rows() != frame.rows()) {
      throw new IllegalArgumentException(
          "Cannot use the companion mask frame: it is "
              + companion.cols()
              + "x"
              + companion.rows()
              + ", the frame is "
              + frame.cols()
              + "x"
              + frame.rows());
    }
    if (companion.depth() != 0) {
      throw new IllegalArgumentException(
          "Cannot use the companion mask frame: expected 8 bits per channel, got OpenCV depth "
              + companion.depth());
    }
    Mat gray = companion;
    if (companion.channels() > 1) {
      cvtColor(companion, work, companion.channels() == 4 ? COLOR_BGRA2GRAY : COLOR_BGR2GRAY);
      gray = work;
    }
    threshold(gray, mask, 127, 255, THRESH_BINARY);
  }

  private void morphology() {
    if (spec.erode() > 0) {
      try (Mat kernel = kernel(spec.erode())) {
        erode(mask, mask, kernel);
      }
    }
    if (spec.dilate() > 0) {
      try (Mat kernel = kernel(spec.dilate())) {
        dilate(mask, mask, kernel);
      }
    }
  }

  private static Mat kernel(int radius) {
    try (Size size = new Size(2 * radius + 1, 2 * radius + 1)) {
      return getStructuringElement(MORPH_ELLIPSE, size);
    }
  }

  /**
   * An inRange bound for a 3-channel image: one row of three 1-channel values clamped to 0..255 (a
   * 1x1 3-channel image would be taken as one value for all channels).
   */
  private static Mat bound(int c0, int c1, int c2) {
    Mat bound = new Mat();
    MatBytes.put(new byte[] {clamp(c0), clamp(c1), clamp(c2)}, 3, 1, 1, bound);
    return bound;
  }

  private static byte clamp(int value) {
    return (byte) Math.max(0, Math.min(255, value));
  }

  /** A 1x1 3-channel image. */
  private static Mat pixel(int c0, int c1, int c2) {
    try (Scalar value = new Scalar(c0, c1, c2, 0)) {
      return new Mat(1, 1, CV_8UC3, value);
    }
  }

  /** The key colour's Cr and Cb as OpenCV converts it. */
  private static int[] keyCrCb(int rgb) {
    try (Mat pixel = pixel(rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff);
        Mat ycrcb = new Mat()) {
      cvtColor(pixel, ycrcb, COLOR_BGR2YCrCb);
      byte[] v = MatBytes.of(ycrcb);
      return new int[] {v[1] & 0xff, v[2] & 0xff};
    }
  }

  @Override
  public void close() {
    if (subtractor != null) {
      subtractor.close();
    }
    mask.close();
    work.close();
    if (low != null) {
      low.close();
      high.close();
    }
  }
}
