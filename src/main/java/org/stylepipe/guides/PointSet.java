package org.stylepipe.guides;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The noise points of one mask keyframe, as the reference {@code gauss} tool seeds them: a
 * Poisson-disk sampling of the whole frame with the radius as minimum distance, of which the points
 * on the mask (value above 64) are kept; each with a random colour (each channel 0 to 254) that it
 * keeps in every frame. Positions stay sub-pixel (the reference rounds them down to whole pixels).
 * A pure function of (mask, radius, seed, key frame number): a key's points do not depend on the
 * other keys, and the same inputs give the same points on any JVM.
 */
public final class PointSet implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MASK_THRESHOLD = 64;

  private final float[] xy;
  private final int[] rgb;

  private PointSet(float[] xy, int[] rgb) {
    this.xy = xy;
    this.rgb = rgb;
  }

  /** The points of the key frame numbered {@code keyFrame}, on its 8-bit {@code mask}. */
  public static PointSet seed(Mat mask, float radius, long seed, int keyFrame) {
    if (mask.channels() != 1 || mask.cols() < 2 || mask.rows() < 2) {
      throw new IllegalArgumentException(
          "Cannot seed noise points: the mask must be one 8-bit channel of at"
              + " least 2x2, got "
              + mask.cols()
              + "x"
              + mask.rows()
              + "x"
              + mask.channels());
    }
    int width = mask.cols();
    byte[] pixels = MatBytes.of(mask);
    SplittableRandom random = new SplittableRandom(mix(seed, keyFrame));
    float[] all = PoissonDisk.sample(width - 1, mask.rows() - 1, radius, random);
    float[] xy = new float[all.length];
    int[] rgb = new int[all.length / 2];
    int kept = 0;
    for (int i = 0; i < all.length / 2; i++) {
      int colour = random.nextInt(255) << 16 | random.nextInt(255) << 8 | random.nextInt(255);
      float x = all[2 * i];
      float y = all[2 * i + 1];
      if ((pixels[(int) y * width + (int) x] & 0xff) > MASK_THRESHOLD) {
        xy[2 * kept] = x;
        xy[2 * kept + 1] = y;
        rgb[kept++] = colour;
      }
    }
    return new PointSet(Arrays.copyOf(xy, 2 * kept), Arrays.copyOf(rgb, kept));
  }

  public int size() {
    return rgb.length;
  }

  /** Positions, x and y interleaved (a copy). */
  public float[] positions() {
    return xy.clone();
  }

  /** Colours, 0xRRGGBB (a copy). */
  public int[] colours() {
    return rgb.clone();
  }

  /** Stafford's mix13 of seed and key number: unrelated streams for neighbouring keys and seeds. */
  private static long mix(long seed, int keyFrame) {
    long z = seed + 0x9E3779B97F4A7C15L * (keyFrame + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
