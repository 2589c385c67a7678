package org.stylepipe.stylize;

import java.util.Random;

/** Deterministic synthetic frames in the {@link FrameBatch} layout (BGR, interleaved). */
final class TestFrames {
  private TestFrames() {}

  /**
   * A racing-game-like scene: a sky gradient with soft clouds, a grass field with a road in
   * perspective and dashed centre line, a few outlined karts, and fine pixel noise for texture.
   */
  static byte[] scene(int width, int height, long seed) {
    Random random = new Random(seed);
    float[] rgb = new float[width * height * 3];
    int horizon = height * 2 / 5;
    double[][] clouds = new double[4][];
    for (int i = 0; i < clouds.length; i++) {
      double radius = 4 + random.nextDouble() * width / 8.0;
      clouds[i] = new double[] {random.nextDouble() * width, random.nextDouble() * horizon, radius};
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float r;
        float g;
        float b;
        if (y < horizon) {
          float t = y / (float) horizon;
          r = 70 + 110 * t;
          g = 120 + 90 * t;
          b = 220 + 25 * t;
          for (double[] c : clouds) {
            double d2 = (Math.pow(x - c[0], 2) + 4 * Math.pow(y - c[1], 2)) / (c[2] * c[2]);
            float w = (float) Math.exp(-d2);
            r += (250 - r) * w;
            g += (250 - g) * w;
            b += (250 - b) * w;
          }
        } else {
          float depth = (y - horizon) / (float) (height - horizon);
          float halfRoad = width * (0.05f + 0.4f * depth);
          float dx = Math.abs(x - width / 2f);
          if (dx < halfRoad) {
            boolean dash = dx < 1 + 2 * depth && ((int) (12 / (depth + 0.08f))) % 2 == 0;
            r = g = b = dash ? 235 : 95 + 20 * depth;
          } else if (dx < halfRoad + 2 + 4 * depth) {
            r = 200;
            g = 40;
            b = 40;
          } else {
            r = 50 + 30 * depth;
            g = 140 + 40 * depth + 15 * (float) Math.sin(x * 0.3 + y * 0.7);
            b = 45;
          }
        }
        int p = (y * width + x) * 3;
        rgb[p] = r;
        rgb[p + 1] = g;
        rgb[p + 2] = b;
      }
    }
    for (int k = 0; k < 3; k++) {
      int kw = width / 8 + random.nextInt(width / 8 + 1);
      int kh = kw / 2;
      int x0 = random.nextInt(Math.max(1, width - kw));
      int y0 = horizon + random.nextInt(Math.max(1, height - horizon - kh));
      float[] colour = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
      for (int y = y0; y < Math.min(height, y0 + kh); y++) {
        for (int x = x0; x < Math.min(width, x0 + kw); x++) {
          boolean outline = y < y0 + 2 || y >= y0 + kh - 2 || x < x0 + 2 || x >= x0 + kw - 2;
          int p = (y * width + x) * 3;
          for (int c = 0; c < 3; c++) {
            rgb[p + c] = outline ? 20 : colour[c];
          }
        }
      }
    }
    byte[] bgr = new byte[rgb.length];
    for (int p = 0; p < rgb.length; p += 3) {
      for (int c = 0; c < 3; c++) {
        float v = rgb[p + c] + (float) random.nextGaussian() * 6;
        bgr[p + 2 - c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    return bgr;
  }

  /**
   * A noise guide: Gaussian blobs of random colours on black, on a jittered grid with 10 px
   * spacing.
   */
  static byte[] noiseGuide(int width, int height, long seed) {
    Random random = new Random(seed);
    float[] sum = new float[width * height * 3];
    double sigma = 3;
    for (int gy = 0; gy < height; gy += 10) {
      for (int gx = 0; gx < width; gx += 10) {
        double cx = gx + random.nextDouble() * 10;
        double cy = gy + random.nextDouble() * 10;
        float[] colour = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        for (int y = Math.max(0, (int) (cy - 3 * sigma));
            y < Math.min(height, cy + 3 * sigma);
            y++) {
          for (int x = Math.max(0, (int) (cx - 3 * sigma));
              x < Math.min(width, cx + 3 * sigma);
              x++) {
            float w =
                (float)
                    Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
            for (int c = 0; c < 3; c++) {
              sum[(y * width + x) * 3 + c] += w * colour[c];
            }
          }
        }
      }
    }
    byte[] bgr = new byte[sum.length];
    for (int p = 0; p < sum.length; p += 3) {
      for (int c = 0; c < 3; c++) {
        bgr[p + 2 - c] = (byte) Math.min(255, Math.round(sum[p + c]));
      }
    }
    return bgr;
  }
}
