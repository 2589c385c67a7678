package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.NORM_MINMAX;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.normalize;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Deterministic synthetic frames for the guide tests. */
public final class SyntheticFrames {
  private SyntheticFrames() {}

  /**
   * A camera pan over a multi-scale random texture: frame t is the window at (t*dx, t*dy) of one
   * large texture, so its content moves by exactly (-dx, -dy) pixels per frame.
   */
  public static List<Mat> panned(int width, int height, int frames, int dx, int dy, long seed) {
    int margin = 8;
    Mat texture =
        texture(
            width + margin * 2 + frames * Math.abs(dx),
            height + margin * 2 + frames * Math.abs(dy),
            seed);
    List<Mat> out = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      int x = margin + (dx >= 0 ? t * dx : (frames - 1 - t) * -dx);
      int y = margin + (dy >= 0 ? t * dy : (frames - 1 - t) * -dy);
      try (Rect window = new Rect(x, y, width, height);
          Mat roi = new Mat(texture, window)) {
        out.add(roi.clone());
      }
    }
    texture.close();
    return out;
  }

  /** 8-bit BGR noise with structure at 1, 3 and 8 pixel scales, stretched to the full range. */
  public static Mat texture(int width, int height, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Mat sum = new Mat(height, width, CV_32FC3);
    sum.put(new org.bytedeco.opencv.opencv_core.Scalar(0, 0, 0, 0));
    for (double sigma : new double[] {1, 3, 8}) {
      try (Mat noise = new Mat(height, width, CV_32FC3);
          Mat blurred = new Mat();
          Size none = new Size(0, 0)) {
        FloatBuffer buffer = noise.createBuffer();
        for (int i = 0; i < width * height * 3; i++) {
          buffer.put(i, (float) (random.nextDouble() * sigma));
        }
        GaussianBlur(noise, blurred, none, sigma);
        add(sum, blurred, sum);
      }
    }
    Mat out = new Mat();
    normalize(sum, out, 0, 255, NORM_MINMAX, CV_8UC3, null);
    sum.close();
    return out;
  }
}
