package org.stylepipe.stylize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads a NumPy {@code .npz} file (a zip of {@code .npy} files, as written by {@code numpy.savez})
 * into float32 arrays. Supports little-endian {@code <f2} (float16, widened exactly) and {@code
 * <f4} (float32) arrays in C order, {@code .npy} format versions 1 to 3.
 */
public final class NpzReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpzReader() {}

  /**
   * Reads every array of {@code file}, keyed by entry name without {@code .npy}, in the order of
   * the archive.
   *
   * @throws IllegalArgumentException if the file is not a zip of supported {@code .npy} arrays
   * @throws IOException if the file cannot be read
   */
  public static Map<String, NpyArray> read(Path file) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (!name.endsWith(".npy")) {
          throw malformed(file, "entry '" + name + "' is not a .npy file");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          String key = name.substring(0, name.length() - 4);
          arrays.put(key, readNpy(in.readAllBytes(), file, key));
        }
      }
    } catch (ZipException e) {
      throw malformed(file, "not a zip archive (" + e.getMessage() + ")");
    }
    if (arrays.isEmpty()) {
      throw malformed(file, "it holds no arrays");
    }
    return arrays;
  }

  /**
   * Reads every array of the {@code .npz} file in {@code in} (read to its end, not closed), keyed
   * by entry name without {@code .npy}, in the order of the archive.
   *
   * @param source names the file in error messages
   * @throws IllegalArgumentException if the bytes are not a zip of supported {@code .npy} arrays
   */
  public static Map<String, NpyArray> read(InputStream in, String source) throws IOException {
    String name = source;
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    ZipInputStream zip = new ZipInputStream(in);
    try {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (!entry.getName().endsWith(".npy")) {
          throw malformed(name, "entry '" + entry.getName() + "' is not a .npy file");
        }
        String key = entry.getName().substring(0, entry.getName().length() - 4);
        arrays.put(key, readNpy(zip.readAllBytes(), name, key));
      }
    } catch (ZipException e) {
      throw malformed(name, "not a zip archive (" + e.getMessage() + ")");
    }
    if (arrays.isEmpty()) {
      throw malformed(name, "it holds no arrays");
    }
    return arrays;
  }

  private static NpyArray readNpy(byte[] bytes, Object file, String key) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw malformed(file, "array '" + key + "' has no .npy header");
    }
    int major = bytes[6];
    buf.position(8);
    long headerLength =
        major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
    if (headerLength > buf.remaining()) {
      throw malformed(file, "array '" + key + "' has a truncated header");
    }
    String header =
        new String(bytes, buf.position(), (int) headerLength, StandardCharsets.ISO_8859_1);
    buf.position(buf.position() + (int) headerLength);

    String dtype = field("descr", DESCR, header, file, key);
    if ("True".equals(field("fortran_order", FORTRAN, header, file, key))) {
      throw malformed(file, "array '" + key + "' is in Fortran order; only C order is supported");
    }
    long[] shape = parseShape(field("shape", SHAPE, header, file, key), file, key);
    long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    int itemSize =
        switch (dtype) {
          case "<f2" -> 2;
          case "<f4" -> 4;
          default ->
              throw malformed(
                  file,
                  "array '" + key + "' has dtype '" + dtype + "'; only <f2 and <f4 are supported");
        };
    if (size * itemSize != buf.remaining()) {
      throw malformed(
          file,
          "array '"
              + key
              + "' "
              + dtype
              + Arrays.toString(shape)
              + " needs "
              + size * itemSize
              + " data bytes but has "
              + buf.remaining());
    }
    float[] data = new float[(int) size];
    for (int i = 0; i < data.length; i++) {
      data[i] = itemSize == 2 ? halfToFloat(buf.getShort()) : buf.getFloat();
    }
    return new NpyArray(dtype, shape, data);
  }

  private static String field(
      String name, Pattern pattern, String header, Object file, String key) {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw malformed(file, "array '" + key + "' has a header without '" + name + "'");
    }
    return m.group(1);
  }

  private static long[] parseShape(String text, Object file, String key) {
    String[] parts = text.replace(" ", "").split(",");
    int n = parts.length > 0 && parts[0].isEmpty() ? 0 : parts.length;
    long[] shape = new long[n];
    try {
      for (int i = 0; i < n; i++) {
        shape[i] = Long.parseLong(parts[i]);
      }
    } catch (NumberFormatException e) {
      throw malformed(file, "array '" + key + "' has shape (" + text + ")");
    }
    return shape;
  }

  /** Widens an IEEE 754 binary16 value exactly, subnormals, infinities and NaN included. */
  static float halfToFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
  }

  private static IllegalArgumentException malformed(Object file, String reason) {
    return new IllegalArgumentException("Cannot read npz file " + file + ": " + reason);
  }
}
