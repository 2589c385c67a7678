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
 * non-occlusion mask of Ruder et al. ({@link OcclusionMask}). Frames are fed in order; not
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
    float[] sources = OcclusionMask.sources(toPrevious, fromPrevious, 0, 0, w, h);
    mask = new float[w * h];
    long kept = 0;
    for (int i = 0; i < mask.length; i++) {
      if (!Float.isNaN(sources[2 * i])) {
        mask[i] = 1;
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
