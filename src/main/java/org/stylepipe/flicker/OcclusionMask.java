package org.stylepipe.flicker;

import org.stylepipe.guides.FlowField;

/**
 * Where each pixel of frame t comes from in frame t−1, under the non-occlusion mask of Ruder et al.
 * (the flicker measure's, {@link WarpingError}): a pixel is occluded if the flows to and from the
 * frame before disagree, |w̃+ŵ|² > 0.01(|w̃|²+|ŵ|²) + 0.5, if it lies on a motion boundary,
 * |∇u|²+|∇v|² > 0.01|ŵ|² + 0.002, or if it is warped from outside the frame.
 */
public final class OcclusionMask {
  private OcclusionMask() {}

  /**
   * The source positions in frame t−1 of the pixels of a region of frame t, row by row, x and y
   * interleaved; both NaN where the pixel is occluded.
   *
   * @param toPrevious the flow of frame t to frame t−1 (its forward flow)
   * @param fromPrevious the flow of frame t−1 to frame t (the backward flow of t−1)
   */
  public static float[] sources(
      FlowField toPrevious, FlowField fromPrevious, int x0, int y0, int width, int height) {
    int w = toPrevious.width();
    int h = toPrevious.height();
    float[] sources = new float[2 * width * height];
    float[] back = new float[2];
    for (int y = y0; y < y0 + height; y++) {
      for (int x = x0; x < x0 + width; x++) {
        float u = toPrevious.dx(x, y);
        float v = toPrevious.dy(x, y);
        float px = x + u;
        float py = y + v;
        fromPrevious.sample(px, py, back);
        float sumU = back[0] + u;
        float sumV = back[1] + v;
        boolean inconsistent =
            sumU * sumU + sumV * sumV
                > 0.01f * (back[0] * back[0] + back[1] * back[1] + u * u + v * v) + 0.5f;
        float du = gradientSquared(toPrevious, x, y, true);
        float dv = gradientSquared(toPrevious, x, y, false);
        boolean boundary = du + dv > 0.01f * (u * u + v * v) + 0.002f;
        boolean outside = px < 0 || py < 0 || px > w - 1 || py > h - 1;
        int i = 2 * ((y - y0) * width + x - x0);
        if (inconsistent || boundary || outside) {
          sources[i] = Float.NaN;
          sources[i + 1] = Float.NaN;
        } else {
          sources[i] = px;
          sources[i + 1] = py;
        }
      }
    }
    return sources;
  }

  /** |∇u|² (or |∇v|²) by central differences, one-sided at the border. */
  private static float gradientSquared(FlowField f, int x, int y, boolean horizontalComponent) {
    int x0 = Math.max(0, x - 1);
    int x1 = Math.min(f.width() - 1, x + 1);
    int y0 = Math.max(0, y - 1);
    int y1 = Math.min(f.height() - 1, y + 1);
    float gx;
    float gy;
    if (horizontalComponent) {
      gx = (f.dx(x1, y) - f.dx(x0, y)) / Math.max(1, x1 - x0);
      gy = (f.dx(x, y1) - f.dx(x, y0)) / Math.max(1, y1 - y0);
    } else {
      gx = (f.dy(x1, y) - f.dy(x0, y)) / Math.max(1, x1 - x0);
      gy = (f.dy(x, y1) - f.dy(x, y0)) / Math.max(1, y1 - y0);
    }
    return gx * gx + gy * gy;
  }
}
