package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class PoissonDiskTest {
  @Test
  void pointsKeepTheMinimumDistanceAndFillTheArea() {
    float[] xy = PoissonDisk.sample(159, 119, 10, new SplittableRandom(7));
    assertTrue(minDistance(xy) >= 10, "min distance " + minDistance(xy));
    for (int i = 0; i < xy.length; i += 2) {
      assertTrue(
          xy[i] >= 0 && xy[i] <= 159 && xy[i + 1] >= 0 && xy[i + 1] <= 119, "inside the area");
    }
    // Maximal: every pixel is within two radii of a point (no room left for another).
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 160; x++) {
        double nearest = Double.MAX_VALUE;
        for (int i = 0; i < xy.length; i += 2) {
          nearest = Math.min(nearest, Math.hypot(xy[i] - x, xy[i + 1] - y));
        }
        assertTrue(
            nearest <= 20, "pixel " + x + "," + y + " is " + nearest + " from the nearest point");
      }
    }
  }

  @Test
  void keyPointsLieOnTheMaskAndAreReproducible() {
    try (Mat mask = new Mat(120, 160, CV_8UC1, new Scalar(0));
        Point centre = new Point(80, 60);
        Scalar grey = new Scalar(100)) {
      circle(mask, centre, 40, grey, FILLED, 8, 0); // 100 > 64: on the mask
      PointSet points = PointSet.seed(mask, 10, 42, 7);
      float[] xy = points.positions();
      assertTrue(points.size() > 20, points.size() + " points on a disc of radius 40");
      assertTrue(minDistance(xy) >= 10);
      byte[] pixels = MatBytes.of(mask);
      for (int i = 0; i < xy.length; i += 2) {
        assertEquals(100, pixels[(int) xy[i + 1] * 160 + (int) xy[i]] & 0xff, "point on the mask");
      }
      for (int rgb : points.colours()) {
        assertTrue(
            (rgb >> 16) < 255 && ((rgb >> 8) & 0xff) < 255 && (rgb & 0xff) < 255,
            "channels 0..254");
      }
      PointSet again = PointSet.seed(mask, 10, 42, 7);
      assertArrayEquals(xy, again.positions());
      assertArrayEquals(points.colours(), again.colours());
      assertFalse(Arrays.equals(xy, PointSet.seed(mask, 10, 43, 7).positions()), "another seed");
      assertFalse(
          Arrays.equals(xy, PointSet.seed(mask, 10, 42, 8).positions()), "another key frame");
    }
  }

  private static double minDistance(float[] xy) {
    double min = Double.MAX_VALUE;
    for (int i = 0; i < xy.length; i += 2) {
      for (int j = i + 2; j < xy.length; j += 2) {
        min = Math.min(min, Math.hypot(xy[i] - xy[j], xy[i + 1] - xy[j + 1]));
      }
    }
    return min;
  }
}
