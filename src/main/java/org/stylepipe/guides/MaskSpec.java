package org.stylepipe.guides;

import java.io.Serializable;

/**
 * What {@link MaskMaker} does: the {@link MaskMode} and its parameters, then an optional erosion
 * and dilation (elliptical, by a radius in pixels; erosion first). Parameters a mode does not use
 * are 0 or null. Build it with the factories.
 *
 * @param lumaThreshold {@link MaskMode#LUMA}: pixels with luma above it are the subject (0 to 254)
 * @param keyRgb {@link MaskMode#CHROMA}: the screen colour, 0xRRGGBB
 * @param chromaTolerance {@link MaskMode#CHROMA}: pixels within this of the key's Cr and Cb are
 *     background (0 to 255)
 * @param subtractor {@link MaskMode#BACKGROUND}: the background model
 * @param history {@link MaskMode#BACKGROUND}: frames the model remembers
 */
public record MaskSpec(
    MaskMode mode,
    int lumaThreshold,
    int keyRgb,
    int chromaTolerance,
    Subtractor subtractor,
    int history,
    int erode,
    int dilate)
    implements Serializable {
  /** OpenCV's background subtractors. */
  public enum Subtractor {
    MOG2,
    KNN
  }

  public MaskSpec {
    if (mode == null) {
      throw invalid("a mode is required");
    }
    if (lumaThreshold < 0 || lumaThreshold > 254) {
      throw invalid("luma threshold " + lumaThreshold + " is outside 0..254");
    }
    if (keyRgb < 0 || keyRgb > 0xffffff) {
      throw invalid(String.format("key colour %x is not 0xRRGGBB", keyRgb));
    }
    if (chromaTolerance < 0 || chromaTolerance > 255) {
      throw invalid("chroma tolerance " + chromaTolerance + " is outside 0..255");
    }
    if (mode == MaskMode.BACKGROUND && (subtractor == null || history < 1)) {
      throw invalid("background subtraction needs a subtractor and a history of at least 1 frame");
    }
    if (erode < 0 || dilate < 0) {
      throw invalid("erosion " + erode + " and dilation " + dilate + " must not be negative");
    }
  }

  public static MaskSpec full() {
    return new MaskSpec(MaskMode.FULL, 0, 0, 0, null, 0, 0, 0);
  }

  public static MaskSpec luma(int threshold) {
    return new MaskSpec(MaskMode.LUMA, threshold, 0, 0, null, 0, 0, 0);
  }

  public static MaskSpec chroma(int keyRgb, int tolerance) {
    return new MaskSpec(MaskMode.CHROMA, 0, keyRgb, tolerance, null, 0, 0, 0);
  }

  public static MaskSpec background(Subtractor subtractor, int history) {
    return new MaskSpec(MaskMode.BACKGROUND, 0, 0, 0, subtractor, history, 0, 0);
  }

  public static MaskSpec track() {
    return new MaskSpec(MaskMode.TRACK, 0, 0, 0, null, 0, 0, 0);
  }

  /** This spec with erosion then dilation by the given radii (0 for none). */
  public MaskSpec withMorphology(int erodeRadius, int dilateRadius) {
    return new MaskSpec(
        mode,
        lumaThreshold,
        keyRgb,
        chromaTolerance,
        subtractor,
        history,
        erodeRadius,
        dilateRadius);
  }

  private static IllegalArgumentException invalid(String reason) {
    return new IllegalArgumentException("Cannot create mask spec: " + reason);
  }
}
