package org.stylepipe.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.stylepipe.config.ImageFormat;

class ImageEncoderTest {
  /** A gradient with a few sharp edges, so that every DCT band carries something. */
  private static Mat picture() {
    Mat image = new Mat(96, 128, opencv_core.CV_8UC3);
    byte[] row = new byte[128 * 3];
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 128; x++) {
        row[3 * x] = (byte) (2 * x);
        row[3 * x + 1] = (byte) (x / 16 % 2 == 0 ? 40 : 220);
        row[3 * x + 2] = (byte) (2 * y);
      }
      image.ptr(y).put(row);
    }
    return image;
  }

  @Test
  void jpegCarriesLibjpegTablesForTheQualityAndDecodesToThePicture() {
    for (int quality : new int[] {50, 95}) {
      try (ImageEncoder jpeg = new ImageEncoder(ImageFormat.JPEG, quality);
          Mat image = picture()) {
        byte[] bytes = jpeg.encode(image);
        assertEquals(0xff, bytes[0] & 0xff);
        assertEquals(0xd8, bytes[1] & 0xff);
        // The first AC entries (zigzag order) of the luminance table at quality 50: 11 12 14 12 10.
        int[] base = {16, 11, 12, 14, 12, 10};
        int scale = 200 - 2 * quality;
        int[] luma = lumaTable(bytes);
        for (int i = 1; i < base.length; i++) {
          assertEquals(
              Math.max(1, (base[i] * scale + 50) / 100), luma[i], "q" + quality + " entry " + i);
        }
        // As close to the picture as libjpeg's own encoding at that quality.
        double error = meanDifference(bytes, image);
        byte[] libjpegBytes;
        try (BytePointer reference = new BytePointer();
            IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
          opencv_imgcodecs.imencode(".jpg", image, reference, params);
          libjpegBytes = new byte[(int) reference.limit()];
          reference.get(libjpegBytes);
        }
        double libjpeg = meanDifference(libjpegBytes, image);
        assertTrue(error < 1.1 * libjpeg, "q" + quality + ": " + error + " vs " + libjpeg);
        // libjpeg's default Huffman tables (the specification's), not tables optimized per image.
        Map<Integer, String> huffman = huffmanTables(bytes);
        assertEquals(4, huffman.size(), "DC and AC tables for luminance and chrominance");
        assertEquals(huffmanTables(libjpegBytes), huffman, "q" + quality);
        assertArrayEquals(bytes, jpeg.encode(image), "deterministic");
      }
    }
  }

  @Test
  void pngIsLossless() {
    try (ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
        Mat image = picture();
        Mat encoded = new Mat(new BytePointer(png.encode(image)));
        Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
      assertEquals(0, opencv_core.norm(decoded, image, opencv_core.NORM_INF, null));
    }
  }

  private static double meanDifference(byte[] jpeg, Mat image) {
    try (Mat encoded = new Mat(new BytePointer(jpeg));
        Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
      return opencv_core.norm(decoded, image, opencv_core.NORM_L1, null)
          / (image.cols() * image.rows() * 3.0);
    }
  }

  /**
   * The Huffman tables (DHT markers) of a JPEG by class and destination ({@code 16 * class +
   * destination}), each as its code counts and values.
   */
  private static Map<Integer, String> huffmanTables(byte[] jpeg) {
    Map<Integer, String> tables = new HashMap<>();
    for (int[] segment : segments(jpeg, 0xc4)) {
      int t = segment[0];
      while (t < segment[1]) {
        int values = 0;
        for (int k = 1; k <= 16; k++) {
          values += jpeg[t + k] & 0xff;
        }
        tables.put(jpeg[t] & 0xff, HexFormat.of().formatHex(jpeg, t + 1, t + 17 + values));
        t += 17 + values;
      }
    }
    return tables;
  }

  /** The first quantization table (DQT marker) of a JPEG, in file (zigzag) order. */
  private static int[] lumaTable(byte[] jpeg) {
    List<int[]> tables = segments(jpeg, 0xdb);
    if (tables.isEmpty()) {
      throw new AssertionError("no quantization table");
    }
    int start = tables.get(0)[0] + 1; // after the table's precision and destination
    int[] table = new int[64];
    for (int k = 0; k < 64; k++) {
      table[k] = jpeg[start + k] & 0xff;
    }
    return table;
  }

  /** The payloads (start, end) of the header segments with {@code marker}, before the scan. */
  private static List<int[]> segments(byte[] jpeg, int marker) {
    List<int[]> found = new ArrayList<>();
    for (int i = 2; (jpeg[i + 1] & 0xff) != 0xda; ) {
      int end = i + 2 + ((jpeg[i + 2] & 0xff) << 8 | (jpeg[i + 3] & 0xff));
      if ((jpeg[i + 1] & 0xff) == marker) {
        found.add(new int[] {i + 4, end});
      }
      i = end;
    }
    return found;
  }
}
