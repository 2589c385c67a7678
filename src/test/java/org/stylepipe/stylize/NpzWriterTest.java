package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {
  @TempDir Path dir;

  @Test
  void writesWhatTheReaderReadsInOrder() throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put(
        "b.weight",
        new NpyArray("<f4", new long[] {2, 3}, new float[] {1, -2, 3.5f, 0, 1e-30f, -7}));
    arrays.put("a.bias", new NpyArray("<f2", new long[] {1}, new float[] {0.25f}));
    arrays.put(
        "c",
        new NpyArray("<f4", new long[] {1, 1, 2, 2}, new float[] {Float.MAX_VALUE, 0, -0f, 9}));
    Path file = dir.resolve("w.npz");
    try (OutputStream out = Files.newOutputStream(file)) {
      NpzWriter.write(arrays, out);
    }
    Map<String, NpyArray> read = NpzReader.read(file);
    assertEquals(new ArrayList<>(arrays.keySet()), new ArrayList<>(read.keySet()));
    arrays.forEach(
        (name, array) -> {
          assertEquals("<f4", read.get(name).dtype(), name);
          assertArrayEquals(array.shape(), read.get(name).shape(), name);
          assertArrayEquals(array.data(), read.get(name).data(), name);
        });
  }

  @Test
  void headersAreNumpysVersion1AlignedTo64Bytes() {
    byte[] npy = NpzWriter.npy(new NpyArray("<f4", new long[] {3}, new float[] {1, 2, 3}));
    int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
    assertEquals(0, (10 + headerLength) % 64);
    assertEquals(10 + headerLength + 12, npy.length);
    String header = new String(npy, 10, headerLength, StandardCharsets.ISO_8859_1);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header.trim());
    assertEquals('\n', header.charAt(header.length() - 1));
    assertEquals(1, npy[6]);
  }
}
