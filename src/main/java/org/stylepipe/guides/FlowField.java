package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A dense optical flow field: for each pixel (x, y) of the frame it was computed on, the
 * displacement (dx, dy) to where that pixel's content lies in the other frame. Pixel centres are at
 * integer coordinates. Immutable.
 */
public final class FlowField {
  private final int width;
  private final int height;
  private final float[] xy;

  /** {@code xy} holds dx, dy interleaved, row by row; it is taken, not copied. */
  public FlowField(int width, int height, float[] xy) {
    if (width < 1 || height < 1 || xy.length != 2L * width * height) {
      throw new IllegalArgumentException(
          "Cannot create flow field: "
              + xy.length
              + " values for "
              + width
              + "x"
              + height
              + " pixels (expected 2 per pixel)");
    }
    this.width = width;
    this.height = height;
    this.xy = xy;
  }

  /** A copy of a 2-channel 32-bit float OpenCV flow (as {@code DenseOpticalFlow.calc} gives it). */
  public static FlowField of(Mat flow) {
    if (flow.type() != CV_32FC2) {
      throw new IllegalArgumentException(
          "Cannot read flow: expected a CV_32FC2 image, got type " + flow.type());
    }
    float[] xy = new float[2 * flow.rows() * flow.cols()];
    try (Mat continuous = flow.isContinuous() ? null : flow.clone()) {
      FloatBuffer buffer = (continuous == null ? flow : continuous).createBuffer();
      buffer.get(xy);
    }
    return new FlowField(flow.cols(), flow.rows(), xy);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public float dx(int x, int y) {
    return xy[2 * (y * width + x)];
  }

  public float dy(int x, int y) {
    return xy[2 * (y * width + x) + 1];
  }

  /**
   * The flow at a sub-pixel position, bilinear between the four nearest pixels, positions outside
   * the frame taken at its border (as the reference {@code gauss} tool samples). Writes dx, dy to
   * {@code out[0]}, {@code out[1]}.
   */
  public void sample(float x, float y, float[] out) {
    int ix = (int) Math.floor(x);
    int iy = (int) Math.floor(y);
    float s = x - ix;
    float t = y - iy;
    int x0 = clamp(ix, width);
    int x1 = clamp(ix + 1, width);
    int y0 = clamp(iy, height);
    int y1 = clamp(iy + 1, height);
    for (int c = 0; c < 2; c++) {
      out[c] =
          (1 - s) * (1 - t) * xy[2 * (y0 * width + x0) + c]
              + s * (1 - t) * xy[2 * (y0 * width + x1) + c]
              + (1 - s) * t * xy[2 * (y1 * width + x0) + c]
              + s * t * xy[2 * (y1 * width + x1) + c];
    }
  }

  /** The flow of the left-right mirrored frames: columns flipped and dx negated. */
  public FlowField mirrored() {
    float[] out = new float[xy.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int from = 2 * (y * width + x);
        int to = 2 * (y * width + width - 1 - x);
        out[to] = -xy[from];
        out[to + 1] = xy[from + 1];
      }
    }
    return new FlowField(width, height, out);
  }

  /** The raw values (dx, dy interleaved, row by row), not copied: do not modify. */
  float[] values() {
    return xy;
  }

  private static int clamp(int i, int size) {
    return i < 0 ? 0 : Math.min(i, size - 1);
  }
}
