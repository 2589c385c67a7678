package org.stylepipe.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * The per-frame part of a dataset configuration that travels to executors: sampling, target size
 * and fitting, mirroring, image encoding and decoder threads.
 */
public record FrameSettings(
    Sampling sampling,
    int width,
    int height,
    ResizeMode resizeMode,
    boolean mirror,
    ImageFormat format,
    int jpegQuality,
    int decoderThreads)
    implements Serializable {

  @Override
  public String toString() {
    return String.format(
        "sample=%s size=%dx%d resize=%s mirror=%s format=%s%s decoder-threads=%d",
        sampling,
        width,
        height,
        resizeMode.name().toLowerCase(Locale.ROOT),
        mirror,
        format.name().toLowerCase(Locale.ROOT),
        format == ImageFormat.JPEG ? " jpeg-quality=" + jpegQuality : "",
        decoderThreads);
  }
}
