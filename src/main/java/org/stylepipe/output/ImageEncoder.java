package org.stylepipe.output;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.config.ImageFormat;

/**
 * Encodes 8-bit BGR frames as PNG (zlib level 1: lossless and fast; files are larger than ffmpeg's default) or
 * JPEG at a given quality. Deterministic: the same pixels give the same bytes. Not thread-safe.
 */
public final class ImageEncoder implements AutoCloseable {
  private static final int PNG_ZLIB_LEVEL = 1;

  private final String extension;
  private final IntPointer params;
  private final BytePointer buffer = new BytePointer();

  public ImageEncoder(ImageFormat format, int jpegQuality) {
    this.extension = "." + format.extension();
    this.params =
        format == ImageFormat.PNG
            ? new IntPointer(IMWRITE_PNG_COMPRESSION, PNG_ZLIB_LEVEL)
            : new IntPointer(IMWRITE_JPEG_QUALITY, jpegQuality);
  }

  public byte[] encode(Mat image) {
    if (!imencode(extension, image, buffer, params)) {
      throw new IllegalStateException("Cannot encode a " + image.cols() + "x" + image.rows() + " frame as " + extension);
    }
    byte[] bytes = new byte[(int) buffer.limit()];
    buffer.get(bytes);
    return bytes;
  }

  @Override
  public void close() {
    params.close();
    buffer.close();
  }
}
