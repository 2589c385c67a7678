package org.stylepipe.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One 256-colour palette for all frames of an animation, by median cut over their colours, and
 * frames mapped to it with ordered (Bayer) dithering. A shared palette and a dither pattern fixed
 * in place keep still parts of the picture still: per-frame palettes or error diffusion would add
 * flicker of their own.
 */
final class GifPalette {
  private static final int COLOURS = 256;
  private static final int BITS = 5;
  private static final int LEVELS = 1 << BITS;

  /**
   * Amplitude of the dither offsets in 8-bit levels, about the spacing of the palette's colours.
   */
  private static final double DITHER = 12;

  private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};

  private final int[] rgb;
  private final IndexColorModel model;
  private final int[] nearest = new int[LEVELS * LEVELS * LEVELS];

  private GifPalette(int[] rgb) {
    this.rgb = rgb;
    byte[] r = new byte[rgb.length];
    byte[] g = new byte[rgb.length];
    byte[] b = new byte[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      r[i] = (byte) (rgb[i] >> 16);
      g[i] = (byte) (rgb[i] >> 8);
      b[i] = (byte) rgb[i];
    }
    this.model = new IndexColorModel(8, rgb.length, r, g, b);
    Arrays.fill(nearest, -1);
  }

  /**
   * The palette of {@code frames}: colours counted at 5 bits per channel, cut into 256 boxes of
   * similar weight.
   */
  static GifPalette of(List<BufferedImage> frames) {
    long[] counts = new long[LEVELS * LEVELS * LEVELS];
    for (BufferedImage frame : frames) {
      for (int pixel :
          frame.getRGB(0, 0, frame.getWidth(), frame.getHeight(), null, 0, frame.getWidth())) {
        counts[cell(pixel >> 16 & 0xff, pixel >> 8 & 0xff, pixel & 0xff)]++;
      }
    }
    List<int[]> boxes = new ArrayList<>();
    boxes.add(IntStream.range(0, counts.length).filter(c -> counts[c] > 0).toArray());
    while (boxes.size() < COLOURS) {
      int[] widest =
          boxes.stream()
              .filter(box -> box.length > 1)
              .max(Comparator.comparingLong(box -> weight(box, counts) * extent(box)[0]))
              .orElse(null);
      if (widest == null) {
        break;
      }
      boxes.remove(widest);
      boxes.addAll(split(widest, counts));
    }
    return new GifPalette(boxes.stream().mapToInt(box -> mean(box, counts)).toArray());
  }

  /** {@code frame} in this palette's colours, dithered. */
  BufferedImage indexed(BufferedImage frame) {
    int w = frame.getWidth();
    int h = frame.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
    byte[] indices = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    int[] pixels = frame.getRGB(0, 0, w, h, null, 0, w);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int offset = (int) Math.round((BAYER[(y & 3) * 4 + (x & 3)] / 15.0 - 0.5) * DITHER);
        int pixel = pixels[y * w + x];
        indices[y * w + x] =
            (byte)
                index(
                    cell(
                        clamp((pixel >> 16 & 0xff) + offset),
                        clamp((pixel >> 8 & 0xff) + offset),
                        clamp((pixel & 0xff) + offset)));
      }
    }
    return out;
  }

  /** The palette entry nearest to the centre of a colour cell, found once per cell. */
  private int index(int cell) {
    if (nearest[cell] < 0) {
      int[] centre = centre(cell);
      long best = Long.MAX_VALUE;
      for (int i = 0; i < rgb.length; i++) {
        long dr = (rgb[i] >> 16 & 0xff) - centre[0];
        long dg = (rgb[i] >> 8 & 0xff) - centre[1];
        long db = (rgb[i] & 0xff) - centre[2];
        long distance = dr * dr + dg * dg + db * db;
        if (distance < best) {
          best = distance;
          nearest[cell] = i;
        }
      }
    }
    return nearest[cell];
  }

  /** Splits a box of cells at the weighted median of its widest channel. */
  private static List<int[]> split(int[] box, long[] counts) {
    int channel = extent(box)[1];
    Integer[] sorted = Arrays.stream(box).boxed().toArray(Integer[]::new);
    Arrays.sort(sorted, Comparator.comparingInt(c -> centre(c)[channel]));
    long half = weight(box, counts) / 2;
    long running = 0;
    int cut = 1;
    while (cut < sorted.length - 1 && (running += counts[sorted[cut - 1]]) < half) {
      cut++;
    }
    int[] cells = Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    return List.of(Arrays.copyOfRange(cells, 0, cut), Arrays.copyOfRange(cells, cut, cells.length));
  }

  /** The largest range of a channel over the box, and that channel (0 red, 1 green, 2 blue). */
  private static int[] extent(int[] box) {
    int[] min = {255, 255, 255};
    int[] max = {0, 0, 0};
    for (int cell : box) {
      int[] c = centre(cell);
      for (int k = 0; k < 3; k++) {
        min[k] = Math.min(min[k], c[k]);
        max[k] = Math.max(max[k], c[k]);
      }
    }
    int channel = 0;
    for (int k = 1; k < 3; k++) {
      if (max[k] - min[k] > max[channel] - min[channel]) {
        channel = k;
      }
    }
    return new int[] {max[channel] - min[channel], channel};
  }

  private static long weight(int[] box, long[] counts) {
    long sum = 0;
    for (int cell : box) {
      sum += counts[cell];
    }
    return sum;
  }

  /** The count-weighted mean colour of a box, as 0xRRGGBB. */
  private static int mean(int[] box, long[] counts) {
    double[] sum = new double[3];
    long total = 0;
    for (int cell : box) {
      int[] c = centre(cell);
      for (int k = 0; k < 3; k++) {
        sum[k] += (double) c[k] * counts[cell];
      }
      total += counts[cell];
    }
    int r = (int) Math.round(sum[0] / total);
    int g = (int) Math.round(sum[1] / total);
    int b = (int) Math.round(sum[2] / total);
    return r << 16 | g << 8 | b;
  }

  private static int cell(int r, int g, int b) {
    return (r >> (8 - BITS)) << (2 * BITS) | (g >> (8 - BITS)) << BITS | b >> (8 - BITS);
  }

  private static int[] centre(int cell) {
    int half = 1 << (7 - BITS);
    return new int[] {
      ((cell >> (2 * BITS)) << (8 - BITS)) + half,
      (((cell >> BITS) & (LEVELS - 1)) << (8 - BITS)) + half,
      ((cell & (LEVELS - 1)) << (8 - BITS)) + half
    };
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
