package org.stylepipe.guides;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlowFieldTest {
  /** A 3x2 field whose dx is 10x + y and dy is -(x + 10y). */
  private static FlowField ramp() {
    float[] xy = new float[12];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        xy[2 * (y * 3 + x)] = 10 * x + y;
        xy[2 * (y * 3 + x) + 1] = -(x + 10 * y);
      }
    }
    return new FlowField(3, 2, xy);
  }

  @Test
  void flowFileIsTheReferenceA2V2fLayout() {
    byte[] bytes = FlowFile.encode(ramp());
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(12 + 3 * 2 * 8, bytes.length);
    assertEquals(3, in.getInt(), "width");
    assertEquals(2, in.getInt(), "height");
    assertEquals(8, in.getInt(), "element size: sizeof(Vec<2,float>)");
    // Pixel (x=1, y=1) is element 4: dx then dy.
    assertEquals(11f, in.getFloat(12 + 4 * 8));
    assertEquals(-11f, in.getFloat(12 + 4 * 8 + 4));
  }

  @Test
  void flowFileRoundTripsExactly() {
    FlowField flow = ramp();
    FlowField back = FlowFile.decode(FlowFile.encode(flow));
    assertEquals(3, back.width());
    assertEquals(2, back.height());
    assertArrayEquals(flow.values(), back.values());
    assertArrayEquals(FlowFile.encode(flow), FlowFile.encode(back));
  }

  @Test
  void damagedFlowFilesAreClearErrors() {
    byte[] bytes = FlowFile.encode(ramp());
    assertEquals(
        "Cannot read flow file: 5 bytes is shorter than the 12-byte header",
        assertThrows(IllegalArgumentException.class, () -> FlowFile.decode(new byte[5]))
            .getMessage());
    assertEquals(
        "Cannot read flow file: 59 bytes, expected 60 for 3x2",
        assertThrows(
                IllegalArgumentException.class, () -> FlowFile.decode(Arrays.copyOf(bytes, 59)))
            .getMessage());
    bytes[8] = 12;
    assertEquals(
        "Cannot read flow file: header says 3x2 elements of 12 bytes (expected a positive size and 8-byte"
            + " elements)",
        assertThrows(IllegalArgumentException.class, () -> FlowFile.decode(bytes)).getMessage());
  }

  @Test
  void mirroredFlowFlipsColumnsAndNegatesX() {
    FlowField flow = ramp();
    FlowField mirrored = flow.mirrored();
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        assertEquals(-flow.dx(2 - x, y), mirrored.dx(x, y));
        assertEquals(flow.dy(2 - x, y), mirrored.dy(x, y));
      }
    }
    assertArrayEquals(flow.values(), mirrored.mirrored().values());
  }

  @Test
  void samplingIsBilinearAndClampedAtTheBorder() {
    FlowField flow = ramp();
    float[] d = new float[2];
    flow.sample(0.5f, 0.5f, d);
    assertEquals(5.5f, d[0], 1e-6);
    assertEquals(-5.5f, d[1], 1e-6);
    flow.sample(-4f, 7f, d);
    assertEquals(1f, d[0], "left of the frame samples column 0, below it row 1");
    flow.sample(2.75f, 0f, d);
    assertEquals(20f, d[0], "right of the last column samples the last column");
  }
}
