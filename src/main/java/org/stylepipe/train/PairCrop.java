package org.stylepipe.train;

import org.stylepipe.flicker.OcclusionMask;

/**
 * A training sample: the same region of both frames of a {@link FramePair} and of their targets, as
 * RGB planes in 0..255, with the backward warp from frame t−1 to frame t inside the region.
 *
 * <p>The warp is bilinear: pixel i of frame t takes {@code Σ_k weights[4i+k] ·
 * plane[corners[4i+k]]} of frame t−1 (corners index the region's plane). Pixels the occlusion mask
 * of the flicker measure drops ({@link OcclusionMask}), and those whose source lies outside the
 * region, have mask 0 and no weights. {@code lumaChange} is the change of the input's relative
 * luminance along the flow, Y(I_t) − Ŵ(Y(I_{t−1})), in 0..1 (0 where masked): ReCoNet's luminance
 * term, which lets the output brighten or darken where the input does.
 */
record PairCrop(
    int width,
    int height,
    float[] previous,
    float[] current,
    float[] previousTarget,
    float[] target,
    int[] corners,
    float[] weights,
    float[] mask,
    float[] lumaChange) {

  private static final float[] LUMA = {0.2126f, 0.7152f, 0.0722f};

  /** The region at ({@code x0}, {@code y0}) of {@code width} x {@code height} pixels. */
  static PairCrop of(PairData data, int x0, int y0, int width, int height) {
    if (x0 < 0 || y0 < 0 || x0 + width > data.width() || y0 + height > data.height()) {
      throw new IllegalArgumentException(
          "Cannot crop "
              + width
              + "x"
              + height
              + " at "
              + x0
              + ","
              + y0
              + " from frames of "
              + data.width()
              + "x"
              + data.height());
    }
    int plane = width * height;
    float[] previous = planes(data.previous(), x0, y0, width, height);
    float[] current = planes(data.current(), x0, y0, width, height);
    int[] corners = new int[4 * plane];
    float[] weights = new float[4 * plane];
    float[] mask = new float[plane];
    float[] lumaChange = new float[plane];
    if (data.toPrevious() != null) {
      float[] sources =
          OcclusionMask.sources(data.toPrevious(), data.fromPrevious(), x0, y0, width, height);
      for (int i = 0; i < plane; i++) {
        float sx = sources[2 * i] - x0;
        float sy = sources[2 * i + 1] - y0;
        // NaN (occluded) fails both tests as well.
        if (!(sx >= 0 && sy >= 0 && sx <= width - 1 && sy <= height - 1)) {
          continue;
        }
        int left = Math.min((int) sx, width - 1);
        int top = Math.min((int) sy, height - 1);
        int right = Math.min(left + 1, width - 1);
        int bottom = Math.min(top + 1, height - 1);
        float fx = sx - left;
        float fy = sy - top;
        int k = 4 * i;
        corners[k] = top * width + left;
        corners[k + 1] = top * width + right;
        corners[k + 2] = bottom * width + left;
        corners[k + 3] = bottom * width + right;
        weights[k] = (1 - fx) * (1 - fy);
        weights[k + 1] = fx * (1 - fy);
        weights[k + 2] = (1 - fx) * fy;
        weights[k + 3] = fx * fy;
        mask[i] = 1;
        float warpedLuma = 0;
        for (int c = 0; c < 4; c++) {
          warpedLuma += weights[k + c] * luma(previous, corners[k + c], plane);
        }
        lumaChange[i] = (luma(current, i, plane) - warpedLuma) / 255f;
      }
    }
    return new PairCrop(
        width,
        height,
        previous,
        current,
        planes(data.previousTarget(), x0, y0, width, height),
        planes(data.target(), x0, y0, width, height),
        corners,
        weights,
        mask,
        lumaChange);
  }

  /** A region of a BGR image as three RGB planes (CHW) in 0..255. */
  static float[] planes(BgrImage image, int x0, int y0, int width, int height) {
    int plane = width * height;
    float[] rgb = new float[3 * plane];
    byte[] bgr = image.bgr();
    for (int y = 0; y < height; y++) {
      int row = ((y0 + y) * image.width() + x0) * 3;
      for (int x = 0; x < width; x++) {
        int p = row + 3 * x;
        int i = y * width + x;
        rgb[i] = bgr[p + 2] & 0xff;
        rgb[plane + i] = bgr[p + 1] & 0xff;
        rgb[2 * plane + i] = bgr[p] & 0xff;
      }
    }
    return rgb;
  }

  private static float luma(float[] rgb, int i, int plane) {
    return LUMA[0] * rgb[i] + LUMA[1] * rgb[plane + i] + LUMA[2] * rgb[2 * plane + i];
  }

  /** Pixels the temporal loss compares. */
  int maskedPixels() {
    int count = 0;
    for (float m : mask) {
      count += (int) m;
    }
    return count;
  }
}
