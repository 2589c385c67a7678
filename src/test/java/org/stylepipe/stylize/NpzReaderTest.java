package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheMosaicWeightsByStateDictName() throws IOException {
    Map<String, NpyArray> arrays = NpzReader.read(TestModels.file("mosaic.npz"));

    Map<String, Shape> expected = new TransformerNet().parameterShapes();
    assertEquals(62, arrays.size());
    assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(arrays.keySet()));
    long parameters = 0;
    for (Map.Entry<String, NpyArray> entry : arrays.entrySet()) {
      NpyArray array = entry.getValue();
      assertArrayEquals(expected.get(entry.getKey()).getShape(), array.shape(), entry.getKey());
      assertEquals(
          entry.getKey().endsWith(".conv2d.weight") ? "<f2" : "<f4", array.dtype(), entry.getKey());
      parameters += array.data().length;
    }
    assertEquals(1_679_235, parameters);
    assertArrayEquals(new long[] {32, 3, 9, 9}, arrays.get("conv1.conv2d.weight").shape());
    assertArrayEquals(new long[] {128, 128, 3, 3}, arrays.get("res5.conv2.conv2d.weight").shape());
    assertArrayEquals(new long[] {3}, arrays.get("deconv3.conv2d.bias").shape());
  }

  @Test
  void widensEveryFiniteFloat16Exactly() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int exponent = (bits >> 10) & 0x1f;
      if (exponent == 0x1f) {
        continue;
      }
      int mantissa = bits & 0x3ff;
      double magnitude =
          exponent == 0 ? Math.scalb(mantissa, -24) : Math.scalb(1024 + mantissa, exponent - 25);
      double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
      assertEquals(
          expected,
          NpzReader.halfToFloat((short) bits),
          0.0,
          "bits 0x" + Integer.toHexString(bits));
    }
    assertEquals(Float.POSITIVE_INFINITY, NpzReader.halfToFloat((short) 0x7c00));
    assertTrue(Float.isNaN(NpzReader.halfToFloat((short) 0x7e00)));
  }

  @Test
  void readsFloat16AndFloat32ArraysWithVersion1And2Headers() throws IOException {
    ByteBuffer half = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    half.putShort((short) 0x3c00)
        .putShort((short) 0xc100)
        .putShort((short) 0x7bff)
        .putShort((short) 0x0001);
    ByteBuffer single = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    single.putFloat(0.1f).putFloat(-3e7f).putFloat(Float.MIN_VALUE);
    Path file =
        writeNpz(
            Map.of(
                "half.npy", npy(1, "<f2", "(2, 2)", half.array()),
                "single.npy", npy(2, "<f4", "(3,)", single.array()),
                "scalar.npy",
                    npy(
                        1,
                        "<f4",
                        "()",
                        ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putFloat(7)
                            .array())));

    Map<String, NpyArray> arrays = NpzReader.read(file);

    assertArrayEquals(new long[] {2, 2}, arrays.get("half").shape());
    assertArrayEquals(new float[] {1f, -2.5f, 65504f, 0x1p-24f}, arrays.get("half").data());
    assertArrayEquals(new float[] {0.1f, -3e7f, Float.MIN_VALUE}, arrays.get("single").data());
    assertArrayEquals(new long[0], arrays.get("scalar").shape());
    assertArrayEquals(new float[] {7f}, arrays.get("scalar").data());
  }

  @Test
  void rejectsWhatItCannotRead() throws IOException {
    Path notZip = dir.resolve("random.npz");
    Files.write(notZip, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertMessage(notZip, "not a zip archive");

    assertMessage(writeNpz(Map.of("d.npy", npy(1, "<f8", "(1,)", new byte[8]))), "dtype '<f8'");
    assertMessage(writeNpz(Map.of("b.npy", npy(1, ">f4", "(1,)", new byte[4]))), "dtype '>f4'");
    assertMessage(
        writeNpz(Map.of("t.npy", npy(1, "<f4", "(3,)", new byte[8]))),
        "needs 12 data bytes but has 8");
    assertMessage(writeNpz(Map.of("x.txt", new byte[4])), "entry 'x.txt' is not a .npy file");
    assertMessage(
        writeNpz(Map.of("h.npy", "not numpy".getBytes(StandardCharsets.US_ASCII))),
        "no .npy header");
  }

  private static void assertMessage(Path file, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NpzReader.read(file));
    assertTrue(e.getMessage().startsWith("Cannot read npz file " + file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private Path writeNpz(Map<String, byte[]> entries) throws IOException {
    return writeNpz(Files.createTempFile(dir, "test", ".npz"), entries);
  }

  /** Writes a zip of {@code .npy} entries, as {@code numpy.savez} does. */
  static Path writeNpz(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /** A {@code .npy} file as {@code numpy.save} writes it: magic, version, padded header, data. */
  static byte[] npy(int major, String dtype, String shape, byte[] data) {
    String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int prefix = major == 1 ? 10 : 12;
    int length = (prefix + dict.length() + 1 + 63) / 64 * 64 - prefix;
    String header = dict + " ".repeat(length - dict.length() - 1) + "\n";
    ByteBuffer buffer =
        ByteBuffer.allocate(prefix + length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer
        .put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) major)
        .put((byte) 0);
    if (major == 1) {
      buffer.putShort((short) length);
    } else {
      buffer.putInt(length);
    }
    return buffer.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
  }
}
