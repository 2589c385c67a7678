package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * DIS optical flow between consecutive frames fed in order, on grayscale as the reference {@code
 * disflow} tool computes it, in both of the reference's directions:
 *
 * <ul>
 *   <li><b>forward</b> flow of frame t ({@code flow_fwd/t}): from frame t to frame t-1, for every
 *       frame but the first;
 *   <li><b>backward</b> flow of frame t ({@code flow_bwd/t}): from frame t to frame t+1, for every
 *       frame but the last.
 * </ul>
 *
 * A segment task that feeds the frame before its first and the frame after its last gets both flows
 * of all its frames, so flows are per frame and segments need nothing from each other. Gray is
 * OpenCV's BGR-to-gray (the reference tool reads gray through stb_image, whose integer weights
 * differ slightly: about one level). Not thread-safe.
 */
public final class DisFlow implements AutoCloseable {
  /**
   * The two flows that a new frame t completes.
   *
   * @param forward flow from t to t-1, the forward flow of t
   * @param backward flow from t-1 to t, the backward flow of t-1
   */
  public record Pair(FlowField forward, FlowField backward) {}

  private final DISOpticalFlow dis;
  private final Mat flow = new Mat();
  private Mat previous = new Mat();
  private Mat current = new Mat();
  private boolean started;

  public DisFlow(FlowPreset preset) {
    this.dis = DISOpticalFlow.create(preset.opencv());
  }

  /**
   * Takes the next frame (8-bit BGR); returns its forward flow and its predecessor's backward flow,
   * or null for the first frame.
   */
  public Pair next(Mat bgr) {
    Mat swap = previous;
    previous = current;
    current = swap;
    cvtColor(bgr, current, COLOR_BGR2GRAY);
    if (!started) {
      started = true;
      return null;
    }
    if (current.cols() != previous.cols() || current.rows() != previous.rows()) {
      throw new IllegalArgumentException(
          "Cannot compute flow: frame size changed from "
              + previous.cols()
              + "x"
              + previous.rows()
              + " to "
              + current.cols()
              + "x"
              + current.rows());
    }
    return new Pair(compute(current, previous), compute(previous, current));
  }

  private FlowField compute(Mat from, Mat to) {
    // DIS takes a flow of the frame's size as its initial guess: start from none, so that a flow
    // depends on its two
    // frames only, not on the frames fed before them.
    flow.release();
    dis.calc(from, to, flow);
    return FlowField.of(flow);
  }

  @Override
  public void close() {
    dis.close();
    flow.close();
    previous.close();
    current.close();
  }
}
