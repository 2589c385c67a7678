package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class MaskMakerTest {
  private static final int W = 80;
  private static final int H = 60;

  /** The subject's square in every synthetic frame. */
  private static final Rect SQUARE = new Rect(20, 10, 20, 20);

  @Test
  void fullMasksEveryPixel() {
    try (MaskMaker masks = new MaskMaker(MaskSpec.full());
        Mat frame = solid(10, 20, 30)) {
      Mat mask = masks.make(frame);
      assertEquals(W * H, countAbove(mask, 0, new Rect(0, 0, W, H)));
      assertBinary(mask);
    }
  }

  @Test
  void lumaKeepsPixelsBrighterThanTheThreshold() {
    try (MaskMaker masks = new MaskMaker(MaskSpec.luma(40));
        Mat frame = solid(0, 0, 0)) {
      fill(frame, SQUARE, 200, 200, 200);
      fill(frame, new Rect(50, 30, 10, 10), 20, 20, 20); // dark: below the threshold
      assertSubjectIsTheSquare(masks.make(frame));
    }
  }

  @Test
  void chromaDropsPixelsNearTheKeyColour() {
    try (MaskMaker masks = new MaskMaker(MaskSpec.chroma(0x00ff00, 40));
        Mat frame = solid(0, 255, 0)) {
      fill(
          frame,
          new Rect(0, 40, W, 20),
          20,
          230,
          10); // a darker, slightly different green: still screen
      fill(frame, SQUARE, 40, 60, 220); // BGR: a red subject
      assertSubjectIsTheSquare(masks.make(frame));
    }
  }

  @Test
  void backgroundSubtractionFindsASubjectEnteringALearnedScene() {
    for (MaskSpec.Subtractor subtractor : MaskSpec.Subtractor.values()) {
      try (MaskMaker masks = new MaskMaker(MaskSpec.background(subtractor, 50));
          Mat background = SyntheticFrames.texture(W, H, 5);
          Mat frame = background.clone()) {
        for (int t = 0; t < 20; t++) {
          Mat mask = masks.make(background);
          if (t >= 10) { // KNN sees everything as foreground until it holds a few samples per pixel
            assertEquals(
                0,
                countAbove(mask, 0, new Rect(0, 0, W, H)),
                subtractor + ": static scene, frame " + t);
          }
        }
        fill(frame, SQUARE, 255, 0, 255);
        assertSubjectIsTheSquare(masks.make(frame));
      }
    }
  }

  @Test
  void trackMasksComeFromTheCompanionFrame() {
    try (MaskMaker masks = new MaskMaker(MaskSpec.track());
        Mat frame = solid(90, 90, 90);
        Mat gray = new Mat(H, W, CV_8UC1, new Scalar(0));
        Mat bgr = solid(0, 0, 0)) {
      try (Mat roi = new Mat(gray, SQUARE)) {
        roi.put(new Scalar(230));
      }
      fill(bgr, SQUARE, 255, 255, 255);
      fill(gray, new Rect(60, 40, 5, 5), 100); // grey below 128: not the subject
      assertSubjectIsTheSquare(masks.make(frame, gray));
      assertSubjectIsTheSquare(masks.make(frame, bgr));
    }
  }

  @Test
  void aCompanionMaskOfTheWrongSizeIsAClearError() {
    try (MaskMaker masks = new MaskMaker(MaskSpec.track());
        Mat frame = solid(0, 0, 0);
        Mat small = new Mat(30, 40, CV_8UC1, new Scalar(255))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> masks.make(frame, small));
      assertEquals(
          "Cannot use the companion mask frame: it is 40x30, the frame is 80x60", e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> masks.make(frame));
      assertEquals("Cannot make a track mask: no companion mask frame was given", e.getMessage());
    }
  }

  @Test
  void erosionRemovesSpecksAndDilationGrows() {
    try (Mat frame = solid(0, 0, 0)) {
      fill(frame, SQUARE, 255, 255, 255);
      fill(frame, new Rect(60, 45, 1, 1), 255, 255, 255);
      try (MaskMaker masks = new MaskMaker(MaskSpec.luma(40).withMorphology(1, 0))) {
        Mat mask = masks.make(frame);
        assertEquals(0, countAbove(mask, 0, new Rect(55, 40, 10, 10)), "speck eroded");
        assertEquals(18 * 18, countAbove(mask, 0, new Rect(0, 0, W, H)), "square shrinks by 1");
      }
      try (MaskMaker masks = new MaskMaker(MaskSpec.luma(40).withMorphology(1, 3))) {
        Mat mask = masks.make(frame);
        assertEquals(
            255,
            mask.ptr(10 + 10, 20 - 2).get() & 0xff,
            "opened then grown past the square's edge");
        assertBinary(mask);
      }
    }
  }

  @Test
  void invalidSpecsAreClearErrors() {
    assertEquals(
        "Cannot create mask spec: luma threshold 255 is outside 0..254",
        assertThrows(IllegalArgumentException.class, () -> MaskSpec.luma(255)).getMessage());
    assertEquals(
        "Cannot create mask spec: background subtraction needs a subtractor and a history of at least 1"
            + " frame",
        assertThrows(
                IllegalArgumentException.class,
                () -> MaskSpec.background(MaskSpec.Subtractor.KNN, 0))
            .getMessage());
  }

  @Test
  void companionRecordingsAreNamedBesideTheRecording() {
    assertEquals("s3a://b/rec/run1.mask.mp4", MaskMode.companionOf("s3a://b/rec/run1.mp4"));
    assertEquals("/data/v2.0/run.mask.mkv", MaskMode.companionOf("/data/v2.0/run.mkv"));
    assertEquals("/data/v2.0/run.mask", MaskMode.companionOf("/data/v2.0/run"));
  }

  private static void assertSubjectIsTheSquare(Mat mask) {
    assertBinary(mask);
    assertEquals(20 * 20, countAbove(mask, 0, SQUARE), "the square is the subject");
    assertEquals(20 * 20, countAbove(mask, 0, new Rect(0, 0, W, H)), "nothing else is");
  }

  private static void assertBinary(Mat mask) {
    assertEquals(CV_8UC1, mask.type());
    for (byte b : MatBytes.of(mask)) {
      assertTrue(b == 0 || b == (byte) 255, "mask values are 0 or 255");
    }
  }

  private static int countAbove(Mat mask, int level, Rect region) {
    int n = 0;
    for (int y = region.y(); y < region.y() + region.height(); y++) {
      for (int x = region.x(); x < region.x() + region.width(); x++) {
        if ((mask.ptr(y, x).get() & 0xff) > level) {
          n++;
        }
      }
    }
    return n;
  }

  private static Mat solid(int b, int g, int r) {
    return new Mat(H, W, CV_8UC3, new Scalar(b, g, r, 0));
  }

  private static void fill(Mat image, Rect region, double... values) {
    try (Mat roi = new Mat(image, region);
        Scalar value =
            new Scalar(
                values[0],
                values.length > 1 ? values[1] : 0,
                values.length > 2 ? values[2] : 0,
                0)) {
      roi.put(value);
    }
  }
}
