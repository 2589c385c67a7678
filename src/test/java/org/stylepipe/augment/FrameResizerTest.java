package org.stylepipe.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.stylepipe.config.ResizeMode;

class FrameResizerTest {
  /** A 16:9 white frame with a 20-pixel red band on the left and right edges. */
  private static Mat wideFrame() {
    Mat frame = new Mat(180, 320, opencv_core.CV_8UC3, new Scalar(255, 255, 255, 0));
    try (Mat left = frame.colRange(0, 20);
        Mat right = frame.colRange(300, 320)) {
      left.put(new Scalar(0, 0, 255, 0));
      right.put(new Scalar(0, 0, 255, 0));
    }
    return frame;
  }

  private static int[] pixel(Mat image, int x, int y) {
    byte[] bgr = new byte[3];
    image.ptr(y, x).get(bgr);
    return new int[] {bgr[0] & 0xff, bgr[1] & 0xff, bgr[2] & 0xff};
  }

  @Test
  void stretchFillsTheTargetAndKeepsTheEdges() {
    try (FrameResizer resizer = new FrameResizer(160, 120, ResizeMode.STRETCH);
        Mat src = wideFrame()) {
      Mat out = resizer.resize(src);
      assertEquals(160, out.cols());
      assertEquals(120, out.rows());
      assertEquals(255, pixel(out, 2, 60)[2]);
      assertEquals(0, pixel(out, 2, 60)[0], "red band still at the left edge");
    }
  }

  @Test
  void fitLetterboxesWithBlackBars() {
    try (FrameResizer resizer = new FrameResizer(160, 120, ResizeMode.FIT);
        Mat src = wideFrame()) {
      Mat out = resizer.resize(src);
      assertEquals(160, out.cols());
      assertEquals(120, out.rows());
      // 320x180 scaled by 0.5 is 160x90, centred: 15 black rows above and below.
      assertEquals(0, pixel(out, 80, 5)[0] + pixel(out, 80, 5)[1] + pixel(out, 80, 5)[2]);
      assertEquals(0, pixel(out, 80, 114)[1]);
      assertEquals(255, pixel(out, 80, 60)[1]);
    }
  }

  @Test
  void cropCutsTheSidesEqually() {
    try (FrameResizer resizer = new FrameResizer(160, 120, ResizeMode.CROP);
        Mat src = wideFrame()) {
      Mat out = resizer.resize(src);
      assertEquals(160, out.cols());
      assertEquals(120, out.rows());
      // The centred 240x180 window drops 40 columns each side, red bands included.
      assertEquals(255, pixel(out, 0, 60)[1]);
      assertEquals(255, pixel(out, 159, 60)[1]);
    }
  }

  @Test
  void aFrameAlreadyAtTheTargetSizeIsNotCopied() {
    try (FrameResizer resizer = new FrameResizer(320, 180, ResizeMode.FIT);
        Mat src = wideFrame()) {
      assertSame(src, resizer.resize(src));
    }
  }
}
