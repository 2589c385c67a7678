package org.stylepipe.flicker;

import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.guides.DisFlow;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowPreset;

/**
 * The temporal warping error of Lai et al. 2018 ("Learning Blind Video Temporal Consistency"), a
 * flicker measure: E_t = Σ_i M_t(i)·‖V_t(i) − Ŵ(V_{t−1})(i)‖² / Σ_i M_t(i), with RGB in [0,1], Ŵ
 * the backward warp by the flow computed on the <em>input</em> frames (DIS), and M_t the
 * non-occlusion mask of Ruder et al.: a pixel is occluded if the forward and backward flows
 * disagree, |w̃+ŵ|² > 0.01(|w̃|²+|ŵ|²) + 0.5, or it lies on a motion boundary, |∇u|²+|∇v|² >
 * 0.01|ŵ|² + 0.002, or it is warped from outside the frame. Frames are fed in order; not
 * thread-safe.
 */
public final class WarpingError implements AutoCloseable {
  private final DisFlow flow = new DisFlow(FlowPreset.MEDIUM);
  private float[][] previous;
  private float[] mask;
  private double maskFraction = Double.NaN;

  /**
   * Takes frame t: the input frame (for the flow) and the frames judged against its flow, each a
   * sequence of its own (e.g. the input itself for its floor and the stylized frame), all 8-bit BGR
   * of one size and as many on every call. The flow and the mask are computed once for all of them.
   *
   * @return E_t of each judged frame, in order; NaN for the first frame (or a frame whose every
   *     pixel is occluded)
   */
  public double[] next(Mat input, Mat... judged) {
    for (Mat frame : judged) {
      if (input.cols() != frame.cols() || input.rows() != frame.rows()) {
        throw new IllegalArgumentException(
            "Cannot measure flicker: input is "
                + input.cols()
                + "x"
                + input.rows()
                + " but the judged frame is "
                + frame.cols()
                + "x"
                + frame.rows());
      }
    }
    if (previous != null && previous.length != judged.length) {
      throw new IllegalArgumentException(
          "Cannot measure flicker: "
              + judged.length
              + " judged frames after "
              + previous.length
              + " on the frame before");
    }
    float[][] current = new float[judged.length][];
    for (int k = 0; k < judged.length; k++) {
      current[k] = unitRgb(judged[k]);
    }
    DisFlow.Pair flows = flow.next(input);
    float[][] before = previous;
    previous = current;
    double[] errors = new double[judged.length];
    if (flows == null) {
      Arrays.fill(errors, Double.NaN);
      return errors;
    }
    int w = input.cols();
    int h = input.rows();
    float[] warped = warpSources(flows.forward(), flows.backward(), w, h);
    for (int k = 0; k < judged.length; k++) {
      errors[k] = error(current[k], before[k], warped, w, h);
    }
    return errors;
  }

  /**
   * The non-occlusion mask of the last frame measured (1 kept, 0 occluded), row by row; null before
   * one.
   */
  public float[] lastMask() {
    return mask;
  }

  /** The fraction of pixels the last mask keeps; NaN before a frame with a predecessor. */
  public double lastMaskFraction() {
    return maskFraction;
  }

  /**
   * Fills the mask and returns, for each kept pixel, where it comes from in the frame before (x, y
   * pairs; NaN for occluded pixels).
   */
  private float[] warpSources(FlowField toPrevious, FlowField fromPrevious, int w, int h) {
    mask = new float[w * h];
    float[] sources = new float[2 * w * h];
    float[] back = new float[2];
    long kept = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
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
        int i = y * w + x;
        if (inconsistent || boundary || outside) {
          sources[2 * i] = Float.NaN;
          continue;
        }
        mask[i] = 1;
        sources[2 * i] = px;
        sources[2 * i + 1] = py;
        kept++;
      }
    }
    maskFraction = kept / (double) (w * h);
    return sources;
  }

  /**
   * Mean squared difference over the kept pixels between a frame and its predecessor warped to it.
   */
  private static double error(float[] now, float[] before, float[] sources, int w, int h) {
    float[] sample = new float[3];
    double sum = 0;
    double weight = 0;
    for (int i = 0; i < w * h; i++) {
      float px = sources[2 * i];
      if (Float.isNaN(px)) {
        continue;
      }
      bilinear(before, w, h, px, sources[2 * i + 1], sample);
      for (int c = 0; c < 3; c++) {
        float d = now[3 * i + c] - sample[c];
        sum += d * d;
      }
      weight++;
    }
    return weight > 0 ? sum / weight : Double.NaN;
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

  private static void bilinear(float[] rgb, int w, int h, float x, float y, float[] out) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    float fx = x - x0;
    float fy = y - y0;
    for (int c = 0; c < 3; c++) {
      float top = rgb[(y0 * w + x0) * 3 + c] * (1 - fx) + rgb[(y0 * w + x1) * 3 + c] * fx;
      float bottom = rgb[(y1 * w + x0) * 3 + c] * (1 - fx) + rgb[(y1 * w + x1) * 3 + c] * fx;
      out[c] = top * (1 - fy) + bottom * fy;
    }
  }

  /**
   * The pixels of an 8-bit 3-channel image scaled to [0,1], row by row (channel order does not
   * matter here).
   */
  private static float[] unitRgb(Mat image) {
    int w = image.cols();
    int h = image.rows();
    byte[] row = new byte[w * 3];
    float[] rgb = new float[w * h * 3];
    for (int y = 0; y < h; y++) {
      image.ptr(y).get(row);
      for (int i = 0; i < row.length; i++) {
        rgb[y * row.length + i] = (row[i] & 0xff) / 255f;
      }
    }
    return rgb;
  }

  @Override
  public void close() {
    flow.close();
  }
}
