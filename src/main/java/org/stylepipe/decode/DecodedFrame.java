package org.stylepipe.decode;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded video frame: its index in the recording, its presentation time, and its pixels as 8-bit BGR. The
 * image is owned by the reader and valid only until the next frame is read.
 */
public final class DecodedFrame {
  private final long index;
  private final long ptsUs;
  private final Mat image;
  private final boolean damaged;

  DecodedFrame(long index, long ptsUs, Mat image, boolean damaged) {
    this.index = index;
    this.ptsUs = ptsUs;
    this.image = image;
    this.damaged = damaged;
  }

  public long index() {
    return index;
  }

  public long ptsUs() {
    return ptsUs;
  }

  public Mat image() {
    return image;
  }

  /** Whether the decoder reported errors in this frame (its picture is concealed, not the original). */
  public boolean damaged() {
    return damaged;
  }
}
