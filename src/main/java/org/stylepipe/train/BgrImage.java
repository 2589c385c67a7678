package org.stylepipe.train;

/**
 * An 8-bit image: rows top to bottom, pixels left to right, channels in BGR order (OpenCV's {@code
 * CV_8UC3}).
 */
record BgrImage(int width, int height, byte[] bgr) {
  BgrImage {
    if ((long) width * height * 3 != bgr.length) {
      throw new IllegalArgumentException(
          "Cannot use " + bgr.length + " bytes as a " + width + "x" + height + " BGR image");
    }
  }
}
