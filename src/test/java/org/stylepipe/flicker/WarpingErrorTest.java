package org.stylepipe.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The warping error on synthetic ground truth: a panned texture, added noise of known variance, an
 * occluder.
 */
class WarpingErrorTest {
  private static final int W = 160;
  private static final int H = 120;
  private static final int SHIFT = 2;
  private static final int FRAMES = 8;

  /**
   * A smooth random texture in [0.2, 0.8] (no clipping when noise is added), wide enough to pan
   * across.
   */
  private static Mat texture(long seed, int width, int height) {
    Random random = new Random(seed);
    byte[] pixels = new byte[width * height * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (51 + random.nextInt(153));
    }
    Mat noise = new Mat(height, width, opencv_core.CV_8UC3);
    noise.data().put(pixels);
    Mat smooth = new Mat();
    opencv_imgproc.GaussianBlur(noise, smooth, new Size(0, 0), 1.5);
    return smooth;
  }

  private static Mat crop(Mat source, int x, int y) {
    return new Mat(source, new Rect(x, y, W, H)).clone();
  }

  private static Mat withNoise(Mat frame, double sigma, Random random) {
    byte[] pixels = new byte[W * H * 3];
    frame.data().get(pixels);
    for (int i = 0; i < pixels.length; i++) {
      long value = Math.round((pixels[i] & 0xff) + random.nextGaussian() * sigma * 255);
      pixels[i] = (byte) Math.max(0, Math.min(255, value));
    }
    Mat noisy = new Mat(H, W, opencv_core.CV_8UC3);
    noisy.data().put(pixels);
    return noisy;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  @Test
  void aPannedTextureHasNearZeroErrorAndNoiseRaisesItByItsVariance() {
    Mat scene = texture(1, W + SHIFT * FRAMES, H);
    double sigma = 0.03;
    double[] clean = new double[FRAMES - 1];
    double[] noisy = new double[FRAMES - 1];
    Random random = new Random(2);
    try (WarpingError own = new WarpingError();
        WarpingError withNoise = new WarpingError()) {
      for (int t = 0; t < FRAMES; t++) {
        Mat frame = crop(scene, SHIFT * t, 0);
        double e = own.next(frame, frame)[0];
        double n = withNoise.next(frame, withNoise(frame, sigma, random))[0];
        if (t == 0) {
          assertTrue(Double.isNaN(e));
        } else {
          clean[t - 1] = e;
          noisy[t - 1] = n;
        }
      }
    }
    assertTrue(mean(clean) < 0.001, "input's own floor: " + mean(clean));
    // Independent noise in both frames adds 2σ² per channel, three channels.
    double expected = 6 * sigma * sigma;
    double added = mean(noisy) - mean(clean);
    assertEquals(
        expected, added, 0.15 * expected, "added error " + added + " for expected " + expected);
  }

  @Test
  void anOccludingObjectIsMaskedOut() {
    Mat scene = texture(3, W + SHIFT * FRAMES, H);
    // Large enough for DIS to follow at this size (a 30 px object at 10 px a frame it does not
    // follow at all).
    Mat object = texture(4, 50, 50);
    float[] mask = null;
    int objectX = 0;
    try (WarpingError error = new WarpingError()) {
      for (int t = 0; t < 5; t++) {
        Mat frame = crop(scene, SHIFT * t, 0);
        objectX = 30 + 8 * t; // moves 8 px a frame against the background's 2
        object.copyTo(new Mat(frame, new Rect(objectX, 35, 50, 50)));
        error.next(frame, frame);
        mask = error.lastMask();
      }
    }
    double behind = 0; // the strip the object uncovered since the last frame
    double far = 0;
    int behindCount = 0;
    int farCount = 0;
    for (int y = 40; y < 80; y++) {
      for (int x = objectX - 7; x < objectX - 1; x++) {
        behind += mask[y * W + x];
        behindCount++;
      }
      for (int x = 120; x < 150; x++) {
        far += mask[y * W + x];
        farCount++;
      }
    }
    assertTrue(behind / behindCount < 0.5, "kept behind the object: " + behind / behindCount);
    assertTrue(far / farCount > 0.9, "kept far from it: " + far / farCount);
  }

  @Test
  void framesJudgedTogetherScoreAsJudgedAlone() {
    Mat scene = texture(5, W + SHIFT * FRAMES, H);
    Random random = new Random(6);
    try (WarpingError together = new WarpingError();
        WarpingError alone = new WarpingError()) {
      for (int t = 0; t < 4; t++) {
        Mat frame = crop(scene, SHIFT * t, 0);
        Mat noisy = withNoise(frame, 0.05, random);
        double[] both = together.next(frame, frame, noisy);
        assertEquals(alone.next(frame, noisy)[0], both[1]);
        assertEquals(t == 0, Double.isNaN(together.lastMaskFraction()));
        if (t > 0) {
          assertTrue(both[1] > both[0], "noise raises the error: " + both[0] + ", " + both[1]);
        }
      }
    }
  }
}
