package org.stylepipe.report;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.ResizeMode;

/**
 * Small pictures for the report: OpenCV frames scaled down by area averaging, as JPEG for the
 * contact sheet.
 */
final class Thumbnails {
  private static final float JPEG_QUALITY = 0.85f;

  private Thumbnails() {}

  /** {@code bgr} (8-bit BGR) scaled to {@code width}, keeping its aspect ratio. */
  static BufferedImage scaled(Mat bgr, int width) {
    return scaled(
        bgr, width, Math.max(1, (int) Math.round((double) width * bgr.rows() / bgr.cols())));
  }

  /** {@code bgr} (8-bit BGR) stretched to {@code width}×{@code height}. */
  static BufferedImage scaled(Mat bgr, int width, int height) {
    try (FrameResizer resizer = new FrameResizer(width, height, ResizeMode.STRETCH)) {
      Mat small = resizer.resize(bgr);
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
      byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int y = 0; y < height; y++) {
        small.ptr(y).get(pixels, y * width * 3, width * 3);
      }
      return image;
    }
  }

  /** An encoded image (PNG, JPEG; gray images become BGR), decoded; the caller closes it. */
  static Mat decode(byte[] encoded, String name) throws IOException {
    Mat image;
    try (BytePointer data = new BytePointer(encoded);
        Mat bytes = new Mat(1, encoded.length, CV_8UC1, data)) {
      image = imdecode(bytes, IMREAD_COLOR);
    }
    if (image == null || image.empty()) {
      throw new IOException("Cannot read image " + name + ": not a picture OpenCV can decode");
    }
    return image;
  }

  static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode a thumbnail as JPEG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
