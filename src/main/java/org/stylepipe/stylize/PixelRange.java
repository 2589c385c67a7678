package org.stylepipe.stylize;

import java.util.Arrays;
import java.util.Optional;

/** The range a model takes and gives pixel values in, mapped linearly from and to 8-bit 0..255. */
public enum PixelRange {
  /** Raw 8-bit values, as {@code fast_neural_style} uses. */
  BYTE("0..255", 0f, 255f),
  /** Values scaled to 0..1. */
  UNIT("0..1", 0f, 1f),
  /** {@code pixel / 127.5 - 1}, as tanh-output generators use. */
  SIGNED_UNIT("-1..1", -1f, 1f);

  private final String key;
  private final float low;
  private final float scale;

  PixelRange(String key, float low, float high) {
    this.key = key;
    this.low = low;
    this.scale = (high - low) / 255f;
  }

  /** The name used in model properties files. */
  public String key() {
    return key;
  }

  /** The model value of each 8-bit pixel value, indexed by the unsigned byte. */
  float[] lookupTable() {
    float[] table = new float[256];
    for (int i = 0; i < table.length; i++) {
      table[i] = low + i * scale;
    }
    return table;
  }

  /** The 8-bit pixel value of a model value: mapped back, clamped to [0,255] and rounded. */
  byte toPixel(float value) {
    float pixel = (value - low) / scale;
    return (byte) Math.round(Math.max(0f, Math.min(255f, pixel)));
  }

  /** The range named {@code key} in a model properties file. */
  public static Optional<PixelRange> ofKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
  }
}
