package org.stylepipe.output;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes image files (PNG, JPEG, anything OpenCV reads) from bytes. */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * The image in {@code bytes} as OpenCV reads it with {@code flags} ({@code IMREAD_COLOR} for
   * 8-bit BGR, {@code IMREAD_GRAYSCALE}, {@code IMREAD_UNCHANGED}); the caller closes it.
   *
   * @throws IllegalArgumentException naming {@code name} if the bytes are not an image
   */
  public static Mat decode(byte[] bytes, int flags, String name) {
    Mat image;
    try (Mat encoded = new Mat(1, Math.max(1, bytes.length), CV_8UC1)) {
      encoded.data().put(bytes);
      image = imdecode(encoded, flags);
    }
    if (image == null || image.empty()) {
      throw new IllegalArgumentException("Cannot read " + name + ": not an image file");
    }
    return image;
  }
}
