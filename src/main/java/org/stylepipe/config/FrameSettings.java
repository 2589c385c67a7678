package org.stylepipe.config;

import java.io.Serializable;

/**
 * The per-frame part of a dataset configuration that travels to executors: sampling, target size and fitting,
 * mirroring, image encoding and decoder threads. Immutable.
 */
public final class FrameSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Sampling sampling;
  private final int width;
  private final int height;
  private final ResizeMode resizeMode;
  private final boolean mirror;
  private final ImageFormat format;
  private final int jpegQuality;
  private final int decoderThreads;

  public FrameSettings(
      Sampling sampling,
      int width,
      int height,
      ResizeMode resizeMode,
      boolean mirror,
      ImageFormat format,
      int jpegQuality,
      int decoderThreads) {
    this.sampling = sampling;
    this.width = width;
    this.height = height;
    this.resizeMode = resizeMode;
    this.mirror = mirror;
    this.format = format;
    this.jpegQuality = jpegQuality;
    this.decoderThreads = decoderThreads;
  }

  public Sampling sampling() {
    return sampling;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public ResizeMode resizeMode() {
    return resizeMode;
  }

  public boolean mirror() {
    return mirror;
  }

  public ImageFormat format() {
    return format;
  }

  public int jpegQuality() {
    return jpegQuality;
  }

  public int decoderThreads() {
    return decoderThreads;
  }

  @Override
  public String toString() {
    return String.format(
        "sample=%s size=%dx%d resize=%s mirror=%s format=%s%s decoder-threads=%d",
        sampling,
        width,
        height,
        resizeMode.name().toLowerCase(java.util.Locale.ROOT),
        mirror,
        format.name().toLowerCase(java.util.Locale.ROOT),
        format == ImageFormat.JPEG ? " jpeg-quality=" + jpegQuality : "",
        decoderThreads);
  }
}
