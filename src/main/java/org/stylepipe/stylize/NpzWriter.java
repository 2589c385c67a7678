package org.stylepipe.stylize;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes float32 arrays as a NumPy {@code .npz} file, as {@code numpy.savez} does: an uncompressed
 * zip of one {@code .npy} file (format 1.0, little-endian {@code <f4}, C order) per array, in the
 * map's order. {@link NpzReader} and {@code numpy.load} read it.
 */
public final class NpzWriter {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private NpzWriter() {}

  /**
   * Writes {@code arrays}, keyed by name without {@code .npy}, to {@code out}; does not close it.
   */
  public static void write(Map<String, NpyArray> arrays, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, NpyArray> entry : arrays.entrySet()) {
      byte[] npy = npy(entry.getValue());
      ZipEntry zipEntry = new ZipEntry(entry.getKey() + ".npy");
      zipEntry.setMethod(ZipEntry.STORED);
      zipEntry.setSize(npy.length);
      CRC32 crc = new CRC32();
      crc.update(npy);
      zipEntry.setCrc(crc.getValue());
      zipEntry.setTime(0);
      zip.putNextEntry(zipEntry);
      zip.write(npy);
      zip.closeEntry();
    }
    zip.finish();
  }

  /** One array as a {@code .npy} file: {@code <f4}, whatever dtype it was read as. */
  static byte[] npy(NpyArray array) {
    long size = LongStream.of(array.shape()).reduce(1, Math::multiplyExact);
    if (size != array.data().length) {
      throw new IllegalArgumentException(
          "Cannot write array of shape "
              + java.util.Arrays.toString(array.shape())
              + ": it has "
              + array.data().length
              + " values");
    }
    String shape =
        LongStream.of(array.shape()).mapToObj(Long::toString).collect(Collectors.joining(", "));
    if (array.shape().length == 1) {
      shape += ",";
    }
    StringBuilder header =
        new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }");
    // Pad with spaces so that the data starts at a multiple of 64 bytes, ending with a newline.
    int unpadded = MAGIC.length + 2 + header.length() + 1;
    header.append(" ".repeat((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT)).append('\n');
    byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buffer =
        ByteBuffer.allocate(MAGIC.length + 2 + text.length + 4 * array.data().length)
            .order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC).putShort((short) text.length).put(text);
    buffer.asFloatBuffer().put(array.data());
    return buffer.array();
  }
}
