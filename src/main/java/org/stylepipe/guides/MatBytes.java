package org.stylepipe.guides;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.opencv.opencv_core.Mat;

/** Copies 8-bit images between OpenCV and Java arrays (row-major, channels interleaved). */
final class MatBytes {
  private MatBytes() {}

  /** The pixels of an 8-bit image, copied. */
  static byte[] of(Mat image) {
    int depth = image.depth();
    if (depth != 0) {
      throw new IllegalArgumentException(
          "Cannot read pixels: expected an 8-bit image, got OpenCV depth " + depth);
    }
    byte[] bytes = new byte[image.rows() * image.cols() * image.channels()];
    if (image.isContinuous()) {
      image.data().get(bytes);
    } else {
      try (Mat copy = image.clone()) {
        copy.data().get(bytes);
      }
    }
    return bytes;
  }

  /**
   * Writes {@code bytes} into {@code out}, (re)allocated as width x height with 1 or 3 channels.
   */
  static void put(byte[] bytes, int width, int height, int channels, Mat out) {
    out.create(height, width, channels == 1 ? CV_8UC1 : CV_8UC3);
    out.data().put(bytes, 0, bytes.length);
  }
}
