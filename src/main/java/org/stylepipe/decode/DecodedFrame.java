package org.stylepipe.decode;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded video frame: its index in the recording, its presentation time, and its pixels as 8-bit
 * BGR (owned by the reader and valid only until the next frame is read).
 *
 * @param damaged whether the decoder reported errors in this frame (its picture is concealed, not
 *     the original)
 * @param rotation the clockwise turn in degrees that made the picture upright ({@link Orientation})
 */
public record DecodedFrame(long index, long ptsUs, Mat image, boolean damaged, int rotation) {
  /** A frame that was not turned. */
  public DecodedFrame(long index, long ptsUs, Mat image, boolean damaged) {
    this(index, ptsUs, image, damaged, 0);
  }
}
