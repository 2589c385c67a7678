package org.stylepipe.common;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.function.BiConsumer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames in planar YUV 4:2:0 held in one OpenCV matrix, in OpenCV's I420 layout: one 8-bit channel,
 * {@code height * 3 / 2} rows of {@code width} bytes, the Y plane then the U and V planes ({@code
 * width / 2} × {@code height / 2} each, packed). Width and height are even. The dataset job's JPEG
 * frames travel so from the scaler to the encoder (full range, as JPEG stores them); BGR frames are
 * three-channel matrices, so a matrix's type tells the two apart.
 */
public final class Yuv420 {
  private Yuv420() {}

  /** Whether {@code image} is an I420 frame (one channel) rather than BGR. */
  public static boolean is(Mat image) {
    return image.type() == CV_8UC1;
  }

  /** (Re)allocates {@code image} to a {@code width}×{@code height} I420 frame. */
  public static void create(Mat image, int width, int height) {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "Cannot hold a " + width + "x" + height + " frame as YUV 4:2:0: the size must be even");
    }
    image.create(height * 3 / 2, width, CV_8UC1);
  }

  /** The height of the picture in {@code image}, I420 or BGR. */
  public static int height(Mat image) {
    return is(image) ? image.rows() * 2 / 3 : image.rows();
  }

  /** Where {@code plane} (0 Y, 1 U, 2 V) starts in a {@code width}×{@code height} frame. */
  public static long offset(int plane, int width, int height) {
    long luma = (long) width * height;
    return plane == 0 ? 0 : plane == 1 ? luma : luma + luma / 4;
  }

  /** Bytes per row of {@code plane} in a frame {@code width} wide. */
  public static int stride(int plane, int width) {
    return plane == 0 ? width : width / 2;
  }

  /** Views of the three planes of {@code image}, sharing its memory; close them after use. */
  public static Mat[] planes(Mat image) {
    int width = image.cols();
    int height = height(image);
    Mat[] planes = new Mat[3];
    for (int p = 0; p < 3; p++) {
      int shift = p == 0 ? 0 : 1;
      planes[p] =
          new Mat(
              height >> shift,
              width >> shift,
              CV_8UC1,
              image.data().getPointer(offset(p, width, height)),
              stride(p, width));
    }
    return planes;
  }

  /**
   * Writes into {@code out} the frame that {@code op} makes of each plane of {@code image}: a flip
   * or a turn, planes traded width for height where {@code transposes}.
   */
  public static void map(Mat image, Mat out, boolean transposes, BiConsumer<Mat, Mat> op) {
    int width = image.cols();
    int height = height(image);
    create(out, transposes ? height : width, transposes ? width : height);
    Mat[] from = planes(image);
    Mat[] to = planes(out);
    try {
      for (int p = 0; p < 3; p++) {
        op.accept(from[p], to[p]);
      }
    } finally {
      for (int p = 0; p < 3; p++) {
        from[p].close();
        to[p].close();
      }
    }
  }
}
