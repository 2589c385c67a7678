package org.stylepipe.decode;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Views a JavaCV frame decoded as BGR24 as an OpenCV matrix, without copying. JavaCV's own
 * converter infers the channel count as stride / width, which is wrong for narrow frames whose row
 * padding is as wide as a pixel row (e.g. 96 pixels: stride 384 reads as 4 channels); here the
 * layout is taken from the pixel format requested.
 */
public final class BgrFrame {
  private BgrFrame() {}

  /**
   * A matrix over the frame's pixels, valid until the grabber decodes the next frame; the caller
   * closes it.
   */
  public static Mat wrap(Frame frame) {
    BytePointer pixels = new BytePointer((ByteBuffer) frame.image[0].position(0));
    return new Mat(frame.imageHeight, frame.imageWidth, CV_8UC3, pixels, frame.imageStride);
  }
}
