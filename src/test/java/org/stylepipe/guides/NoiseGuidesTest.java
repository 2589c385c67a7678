package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Noise guides on a camera pan: content moves by (-DX, -DY) pixels per frame. */
class NoiseGuidesTest {
  private static final int W = 160;
  private static final int H = 120;
  private static final int FRAMES = 10;
  private static final int DX = 2;
  private static final int DY = 1;
  private static final int MARGIN = 20;

  private static MemoryFlows flows;

  @BeforeAll
  static void computeFlows() {
    flows = MemoryFlows.of(SyntheticFrames.panned(W, H, FRAMES, DX, DY, 11));
  }

  @Test
  void advectedPointsFollowTheTrueMotionWithinAPixel() throws IOException {
    int key = 5;
    PointTracks tracks = track(key, 1, new KeySpan(1, FRAMES));
    float[] start = tracks.at(key);
    int checked = 0;
    for (int i = 0; i < tracks.size(); i++) {
      if (!staysInside(start[2 * i], start[2 * i + 1], key)) {
        continue;
      }
      checked++;
      for (int frame = 1; frame <= FRAMES; frame++) {
        float[] xy = tracks.at(frame);
        double error =
            Math.hypot(
                xy[2 * i] - (start[2 * i] - DX * (frame - key)),
                xy[2 * i + 1] - (start[2 * i + 1] - DY * (frame - key)));
        assertTrue(error < 1, "point " + i + " in frame " + frame + " is " + error + " px off");
      }
    }
    assertTrue(checked > 20, checked + " points checked");
  }

  @Test
  void warpingErrorIsFarBelowThatOfIndependentNoise() throws IOException {
    List<PointTracks> coherent =
        List.of(track(1, 1, new KeySpan(1, FRAMES)), track(FRAMES, 1, new KeySpan(1, FRAMES)));
    List<byte[]> advected = new ArrayList<>();
    List<byte[]> independent = new ArrayList<>();
    GaussRenderer renderer = new GaussRenderer(W, H, 10);
    try (Mat image = new Mat()) {
      for (int frame = 1; frame <= FRAMES; frame++) {
        advected.add(render(renderer, coherent, frame, image));
        independent.add(
            render(renderer, List.of(track(frame, 1, new KeySpan(frame, frame))), frame, image));
      }
    }
    double coherentError = warpingError(advected);
    double independentError = warpingError(independent);
    assertTrue(
        coherentError < 0.1 * independentError,
        "warping error " + coherentError + " vs " + independentError + " for independent noise");
  }

  @Test
  void sameSeedGivesByteIdenticalFramesAndSegmentsHaveNoSeams() throws IOException {
    List<PointTracks> tracks =
        List.of(track(1, 3, new KeySpan(1, 6)), track(6, 3, new KeySpan(1, FRAMES)));
    List<PointTracks> again =
        List.of(track(1, 3, new KeySpan(1, 6)), track(6, 3, new KeySpan(1, FRAMES)));
    List<PointTracks> otherSeed =
        List.of(track(1, 4, new KeySpan(1, 6)), track(6, 4, new KeySpan(1, FRAMES)));
    GaussRenderer renderer = new GaussRenderer(W, H, 15);
    try (Mat image = new Mat()) {
      for (int frame = 1; frame <= FRAMES; frame++) {
        // Segments 1..4 and 5..10 render from the tracks sliced to their frames.
        int first = frame <= 4 ? 1 : 5;
        int last = frame <= 4 ? 4 : FRAMES;
        List<PointTracks> segment = new ArrayList<>();
        for (PointTracks t : again) {
          if (t.overlaps(first, last)) {
            segment.add(t.slice(first, last));
          }
        }
        byte[] whole = render(renderer, tracks, frame, image);
        assertArrayEquals(
            whole, render(new GaussRenderer(W, H, 15), segment, frame, image), "frame " + frame);
        assertFalse(
            Arrays.equals(whole, render(renderer, otherSeed, frame, image)),
            "another seed, frame " + frame);
      }
    }
  }

  @Test
  void blobsAreGaussiansAndTheFirstKeyIsOnTop() {
    float[][] at = {{20, 15}};
    PointTracks under = new PointTracks(9, 1, new int[] {0x0000ff}, at);
    PointTracks onTop = new PointTracks(2, 1, new int[] {0x102030}, at);
    try (Mat image = new Mat()) {
      byte[] bgr = render(new GaussRenderer(40, 30, 4), List.of(under, onTop), 1, image);
      assertEquals(3, image.channels());
      int centre = (15 * 40 + 20) * 3;
      assertArrayEquals(new byte[] {0x30, 0x20, 0x10}, Arrays.copyOfRange(bgr, centre, centre + 3));
      // Three pixels right: weight exp(-9/16); blue goes from the lower key's 255 towards 0x30.
      float w = (float) Math.exp(-9 / 16.0);
      int p = (15 * 40 + 23) * 3;
      float lower = 255 * w;
      assertEquals((int) (lower + w * (0x30 - lower)), bgr[p] & 0xff);
      assertEquals(0, bgr[(15 * 40 + 36) * 3] & 0xff, "nothing beyond 3 sigma");
    }
  }

  @Test
  void keySpansReachTheNeighbouringKeys() {
    List<Integer> keys = List.of(1, 20, 40);
    assertEquals(new KeySpan(1, 20), KeySpan.of(keys, 0, 1, 1, 50));
    assertEquals(new KeySpan(1, 40), KeySpan.of(keys, 1, 1, 1, 50));
    assertEquals(new KeySpan(20, 50), KeySpan.of(keys, 2, 1, 1, 50));
    assertEquals(new KeySpan(1, 40), KeySpan.of(keys, 0, 2, 1, 50));
    assertEquals(new KeySpan(1, 50), KeySpan.of(keys, 1, KeySpan.ALL, 1, 50));
  }

  /** Tracks of the key at {@code key} seeded on a full mask. */
  private static PointTracks track(int key, long seed, KeySpan span) throws IOException {
    try (Mat mask = new Mat(H, W, CV_8UC1, new Scalar(255))) {
      return TrackAdvector.track(PointSet.seed(mask, 10, seed, key), key, span, flows);
    }
  }

  private static byte[] render(
      GaussRenderer renderer, List<PointTracks> tracks, int frame, Mat image) {
    renderer.render(tracks, frame, image);
    return MatBytes.of(image);
  }

  /** Whether a point at (x, y) in frame {@code key} stays away from the borders in every frame. */
  private static boolean staysInside(float x, float y, int key) {
    for (int frame = 1; frame <= FRAMES; frame++) {
      float tx = x - DX * (frame - key);
      float ty = y - DY * (frame - key);
      if (tx < MARGIN || tx > W - MARGIN || ty < MARGIN || ty > H - MARGIN) {
        return false;
      }
    }
    return true;
  }

  /**
   * Mean absolute difference between each frame and the next warped back by the true motion, in the
   * interior.
   */
  private static double warpingError(List<byte[]> frames) {
    double sum = 0;
    long n = 0;
    for (int t = 1; t < frames.size(); t++) {
      byte[] previous = frames.get(t - 1);
      byte[] current = frames.get(t);
      for (int y = MARGIN; y < H - MARGIN; y++) {
        for (int x = MARGIN; x < W - MARGIN; x++) {
          for (int c = 0; c < 3; c++) {
            int before = previous[(y * W + x) * 3 + c] & 0xff;
            int after = current[((y - DY) * W + x - DX) * 3 + c] & 0xff;
            sum += Math.abs(after - before);
            n++;
          }
        }
      }
    }
    return sum / n;
  }
}
