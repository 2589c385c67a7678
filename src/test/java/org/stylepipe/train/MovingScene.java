package org.stylepipe.train;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowFile;
import org.stylepipe.output.ImageEncoder;

/**
 * A synthetic training set: frames of a smooth colour texture panning by a whole number of pixels
 * per frame, their exact flows in both directions, and a "teacher" output for each frame (a fixed
 * colour mapping of it), written as PNG and {@code .A2V2f} files in a folder.
 */
final class MovingScene {
  static final int DX = 2;
  static final int DY = 1;

  private MovingScene() {}

  /** The texture at (x, y): smooth, different in each channel. */
  static int value(int x, int y, int c) {
    double v =
        127
            + 60 * Math.sin(0.21 * x + 0.9 * c)
            + 50 * Math.cos(0.17 * y - 0.4 * c)
            + 15 * Math.sin(0.05 * (x + y));
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  /** Frame {@code t} (BGR): the texture moved by (DX, DY) per frame. */
  static byte[] frame(int t, int width, int height) {
    byte[] bgr = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          bgr[(y * width + x) * 3 + c] = (byte) value(x - DX * t, y - DY * t, c);
        }
      }
    }
    return bgr;
  }

  /** The teacher's output: each channel a different curve of another. */
  static byte[] teacher(byte[] bgr) {
    byte[] out = new byte[bgr.length];
    for (int i = 0; i < bgr.length; i += 3) {
      int b = bgr[i] & 0xff;
      int g = bgr[i + 1] & 0xff;
      int r = bgr[i + 2] & 0xff;
      out[i] = (byte) (255 - r);
      out[i + 1] = (byte) Math.min(255, (g * g) / 200);
      out[i + 2] = (byte) ((b + g) / 2);
    }
    return out;
  }

  /** A constant flow. */
  static FlowField flow(int width, int height, float dx, float dy) {
    float[] xy = new float[2 * width * height];
    for (int i = 0; i < xy.length; i += 2) {
      xy[i] = dx;
      xy[i + 1] = dy;
    }
    return new FlowField(width, height, xy);
  }

  /**
   * Writes {@code frames} frames, targets and flows into {@code dir} and returns the pairs (1-2,
   * 2-3, …) as file URIs; the flows are written only {@code withFlow}.
   */
  static List<FramePair> write(Path dir, int frames, int width, int height, boolean withFlow)
      throws IOException {
    Files.createDirectories(dir);
    try (ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
        Mat image = new Mat(height, width, CV_8UC3)) {
      for (int t = 1; t <= frames; t++) {
        byte[] frame = frame(t, width, height);
        image.data().put(frame);
        Files.write(dir.resolve("input-" + t + ".png"), png.encode(image));
        image.data().put(teacher(frame));
        Files.write(dir.resolve("target-" + t + ".png"), png.encode(image));
        if (withFlow) {
          Files.write(
              dir.resolve("to-previous-" + t + ".A2V2f"),
              FlowFile.encode(flow(width, height, -DX, -DY)));
          Files.write(
              dir.resolve("to-next-" + t + ".A2V2f"), FlowFile.encode(flow(width, height, DX, DY)));
        }
      }
    }
    List<FramePair> pairs = new ArrayList<>();
    for (int t = 2; t <= frames; t++) {
      pairs.add(
          new FramePair(
              "scene",
              t,
              uri(dir, "input-" + (t - 1) + ".png"),
              uri(dir, "input-" + t + ".png"),
              uri(dir, "target-" + (t - 1) + ".png"),
              uri(dir, "target-" + t + ".png"),
              withFlow ? uri(dir, "to-previous-" + t + ".A2V2f") : null,
              withFlow ? uri(dir, "to-next-" + (t - 1) + ".A2V2f") : null));
    }
    return pairs;
  }

  private static String uri(Path dir, String name) {
    return dir.resolve(name).toUri().toString();
  }
}
