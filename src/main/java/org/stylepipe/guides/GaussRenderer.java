package org.stylepipe.guides;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Draws a frame of a noise guide as the reference {@code gauss} tool does: on black, each point as
 * a Gaussian blob of its colour, blended over what is there with weight exp(-d²/σ²) at distance d,
 * within the square of half-side ⌊3σ⌋ pixels around it; keys are drawn from the last to the first
 * (so the first key's points end on top), each key's points in order, and the result is rounded
 * down to 8 bits. The weight is the product of its x and y factors; each factor row is the exact
 * exponential at the window's edge, continued by the recurrence exp(-(d+1)²/σ²) = exp(-d²/σ²) ·
 * exp(-(2d+1)/σ²) in double precision (three {@link StrictMath#exp} calls an axis instead of one a
 * pixel), so a factor can differ from the exponential rounded to float in its last bit, and a
 * guide's byte from one drawn with every exponential evaluated by at most 1, rarely (a few bytes in
 * a hundred million). Pure IEEE arithmetic: the same tracks give byte-identical frames on any JVM,
 * whatever the segments.
 *
 * <p>Speed: the colour planes are kept one array per row, and a row's x factors in an array indexed
 * by x like the rows, so that the blending loop reads and writes every array at the same index,
 * which lets the JIT compile it to SIMD instructions (arrays of one type read at different offsets
 * could overlap, which keeps the loop scalar). Not thread-safe.
 */
public final class GaussRenderer {
  private final int width;
  private final int height;
  private final double sigma2;
  private final int reach;
  private final float[][] blue;
  private final float[][] green;
  private final float[][] red;
  private final float[] rowFactors;
  private final float[] columnFactors;
  private final byte[] out;

  public GaussRenderer(int width, int height, float sigma) {
    if (width < 1 || height < 1 || !(sigma > 0)) {
      throw new IllegalArgumentException(
          "Cannot render noise of "
              + width
              + "x"
              + height
              + " with sigma "
              + sigma
              + ": all must be positive");
    }
    this.width = width;
    this.height = height;
    this.sigma2 = (double) sigma * sigma;
    this.reach = (int) (3 * sigma);
    this.blue = new float[height][width];
    this.green = new float[height][width];
    this.red = new float[height][width];
    this.rowFactors = new float[width];
    this.columnFactors = new float[2 * reach + 2];
    this.out = new byte[width * height * 3];
  }

  /**
   * Draws frame {@code frame} from the tracks that cover it into {@code image} (8-bit BGR,
   * reallocated as needed).
   */
  public void render(List<PointTracks> tracks, int frame, Mat image) {
    for (int y = 0; y < height; y++) {
      Arrays.fill(blue[y], 0);
      Arrays.fill(green[y], 0);
      Arrays.fill(red[y], 0);
    }
    List<PointTracks> keys = new ArrayList<>();
    for (PointTracks t : tracks) {
      if (t.covers(frame)) {
        keys.add(t);
      }
    }
    keys.sort(Comparator.comparingInt(PointTracks::keyFrame).reversed());
    for (PointTracks key : keys) {
      float[] xy = key.positionsIn(frame);
      int[] rgb = key.colours();
      for (int i = 0; i < rgb.length; i++) {
        blob(xy[2 * i], xy[2 * i + 1], rgb[i]);
      }
    }
    int o = 0;
    for (int y = 0; y < height; y++) {
      float[] b = blue[y];
      float[] g = green[y];
      float[] r = red[y];
      for (int x = 0; x < width; x++) {
        out[o++] = (byte) (int) b[x];
        out[o++] = (byte) (int) g[x];
        out[o++] = (byte) (int) r[x];
      }
    }
    MatBytes.put(out, width, height, 3, image);
  }

  private void blob(float px, float py, int rgb) {
    // The window of the reference: integers from (int)(p - r) up to p + r.
    int xs = Math.max(0, (int) (px - reach));
    int xe = Math.min(width - 1, (int) Math.floor(px + reach));
    int ys = Math.max(0, (int) (py - reach));
    int ye = Math.min(height - 1, (int) Math.floor(py + reach));
    if (xs > xe || ys > ye) {
      return;
    }
    factors(px, xs, xe, rowFactors, xs);
    factors(py, ys, ye, columnFactors, 0);
    float b = rgb & 0xff;
    float g = (rgb >> 8) & 0xff;
    float r = (rgb >> 16) & 0xff;
    for (int y = ys; y <= ye; y++) {
      blend(blue[y], green[y], red[y], rowFactors, columnFactors[y - ys], xs, xe + 1, b, g, r);
    }
  }

  /**
   * One row of a blob, x from {@code from} to {@code end} exclusive: the SIMD loop. A method of its
   * own with an exclusive end, so that its compilation stays vectorized whatever the windows.
   */
  private static void blend(
      float[] blue,
      float[] green,
      float[] red,
      float[] rowFactors,
      float columnFactor,
      int from,
      int end,
      float b,
      float g,
      float r) {
    for (int x = from; x < end; x++) {
      float w = rowFactors[x] * columnFactor;
      blue[x] += w * (b - blue[x]);
      green[x] += w * (g - green[x]);
      red[x] += w * (r - red[x]);
    }
  }

  /** exp(-(i - centre)²/σ²) for i in [from, to], written from {@code w[at]} on. */
  private void factors(float centre, int from, int to, float[] w, int at) {
    double d = from - (double) centre;
    double value = StrictMath.exp(-d * d / sigma2);
    double ratio = StrictMath.exp(-(2 * d + 1) / sigma2);
    double step = StrictMath.exp(-2 / sigma2);
    for (int i = 0; i <= to - from; i++) {
      w[at + i] = (float) value;
      value *= ratio;
      ratio *= step;
    }
  }
}
