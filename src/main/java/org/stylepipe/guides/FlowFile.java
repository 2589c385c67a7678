package org.stylepipe.guides;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code .A2V2f} flow file the reference tools write ({@code disflow}) and read ({@code gauss},
 * {@code bilateralAdv}): the {@code Array2<Vec<2,float>>} dump of their {@code jzq.h} — three
 * 32-bit integers (width, height, element size 8), then per pixel row by row the two 32-bit floats
 * dx, dy; little-endian, as written on x86. No compression.
 */
public final class FlowFile {
  /** The file extension, without the dot. */
  public static final String EXTENSION = "A2V2f";

  private static final int HEADER = 12;
  private static final int ELEMENT_SIZE = 8;

  private FlowFile() {}

  public static byte[] encode(FlowField flow) {
    float[] xy = flow.values();
    ByteBuffer out = ByteBuffer.allocate(HEADER + 4 * xy.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(flow.width()).putInt(flow.height()).putInt(ELEMENT_SIZE);
    out.asFloatBuffer().put(xy);
    return out.array();
  }

  public static FlowField decode(byte[] bytes) {
    if (bytes.length < HEADER) {
      throw invalid(bytes.length + " bytes is shorter than the 12-byte header");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int width = in.getInt();
    int height = in.getInt();
    int elementSize = in.getInt();
    if (width < 1 || height < 1 || elementSize != ELEMENT_SIZE) {
      throw invalid(
          "header says "
              + width
              + "x"
              + height
              + " elements of "
              + elementSize
              + " bytes (expected a positive size and 8-byte elements)");
    }
    long expected = HEADER + (long) ELEMENT_SIZE * width * height;
    if (bytes.length != expected) {
      throw invalid(bytes.length + " bytes, expected " + expected + " for " + width + "x" + height);
    }
    float[] xy = new float[2 * width * height];
    in.asFloatBuffer().get(xy);
    return new FlowField(width, height, xy);
  }

  private static IllegalArgumentException invalid(String reason) {
    return new IllegalArgumentException("Cannot read flow file: " + reason);
  }
}
