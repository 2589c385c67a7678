package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The renderer against the definition it computes faster: every blob's window blended pixel by
 * pixel with each exponential evaluated, as the first renderer did.
 */
class GaussRendererTest {
  private static final int W = 320;
  private static final int H = 240;
  private static final int FRAMES = 4;

  @ParameterizedTest
  @ValueSource(floats = {4, 10, 15})
  void guidesDifferFromTheDefinitionByAtMostOneRarely(float sigma) {
    List<PointTracks> tracks = List.of(drifting(1, 0.37f), drifting(4, -0.61f));
    GaussRenderer renderer = new GaussRenderer(W, H, sigma);
    long differing = 0;
    long bytes = 0;
    try (Mat image = new Mat()) {
      for (int frame = 1; frame <= FRAMES; frame++) {
        renderer.render(tracks, frame, image);
        byte[] fast = MatBytes.of(image);
        byte[] defined = definition(tracks, frame, sigma);
        for (int i = 0; i < fast.length; i++) {
          int difference = Math.abs((fast[i] & 0xff) - (defined[i] & 0xff));
          assertTrue(
              difference <= 1, "byte " + i + " of frame " + frame + " differs by " + difference);
          differing += difference;
        }
        bytes += fast.length;
        renderer.render(tracks, frame, image);
        assertArrayEquals(fast, MatBytes.of(image), "frame " + frame + " drawn again");
      }
    }
    assertTrue(differing <= bytes / 100_000, differing + " of " + bytes + " bytes differ by 1");
  }

  /** Points of a full-mask key on every frame, moved by {@code speed} pixels a frame. */
  private static PointTracks drifting(int key, float speed) {
    try (Mat mask = new Mat(H, W, CV_8UC1, new Scalar(255))) {
      PointSet points = PointSet.seed(mask, 10, 7, key);
      float[][] positions = new float[FRAMES][];
      for (int frame = 1; frame <= FRAMES; frame++) {
        float[] xy = points.positions();
        for (int i = 0; i < xy.length; i++) {
          xy[i] += speed * (frame - key) * (i % 2 == 0 ? 1 : 0.5f);
        }
        positions[frame - 1] = xy;
      }
      return new PointTracks(key, 1, points.colours(), positions);
    }
  }

  /** The guide by its definition (see {@link GaussRenderer}), one window per point. */
  private static byte[] definition(List<PointTracks> tracks, int frame, float sigma) {
    float[][] planes = new float[3][W * H];
    int reach = (int) (3 * sigma);
    double s2 = (double) sigma * sigma;
    List<PointTracks> keys = new ArrayList<>(tracks);
    keys.sort(Comparator.comparingInt(PointTracks::keyFrame).reversed());
    for (PointTracks key : keys) {
      float[] xy = key.positionsIn(frame);
      int[] rgb = key.colours();
      for (int i = 0; i < rgb.length; i++) {
        float px = xy[2 * i];
        float py = xy[2 * i + 1];
        for (int y = Math.max(0, (int) (py - reach));
            y <= Math.min(H - 1, (int) Math.floor(py + reach));
            y++) {
          double dy = y - py;
          float wy = (float) StrictMath.exp(-dy * dy / s2);
          for (int x = Math.max(0, (int) (px - reach));
              x <= Math.min(W - 1, (int) Math.floor(px + reach));
              x++) {
            double dx = x - px;
            float w = (float) StrictMath.exp(-dx * dx / s2) * wy;
            for (int c = 0; c < 3; c++) {
              float value = (rgb[i] >> (8 * c)) & 0xff;
              planes[c][y * W + x] += w * (value - planes[c][y * W + x]);
            }
          }
        }
      }
    }
    byte[] bgr = new byte[W * H * 3];
    for (int p = 0; p < W * H; p++) {
      for (int c = 0; c < 3; c++) {
        bgr[3 * p + c] = (byte) (int) planes[c][p];
      }
    }
    return bgr;
  }
}
