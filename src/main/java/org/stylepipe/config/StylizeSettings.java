package org.stylepipe.config;

import java.io.Serializable;

/**
 * The part of a stylize configuration that travels to executors.
 *
 * @param width output width, or 0 for the source's (rounded down to even)
 * @param height output height, or 0 for the source's (rounded down to even)
 * @param videoKbps H.264 bit rate in kbit/s, or 0 for {@link #bitRate automatic}
 * @param modelThreads threads one inference may use (0: all processors)
 * @param encoder the H.264 encoder of the videos
 */
public record StylizeSettings(
    int batchSize,
    DeviceMode device,
    boolean cpuFallback,
    boolean half,
    int width,
    int height,
    boolean writeFrames,
    boolean video,
    int videoKbps,
    GuideMode guide,
    int modelThreads,
    int decoderThreads,
    EncoderMode encoder)
    implements Serializable {

  /**
   * Bits per pixel of each frame at the automatic bit rate: stylized frames are textured and need
   * many.
   */
  private static final double AUTO_BITS_PER_PIXEL = 0.2;

  private static final long MIN_AUTO_BIT_RATE = 500_000;

  /** The H.264 bit rate in bits/s for frames of this size at this rate. */
  public long bitRate(int frameWidth, int frameHeight, double frameRate) {
    if (videoKbps > 0) {
      return videoKbps * 1000L;
    }
    double fps = frameRate > 0 ? frameRate : 30;
    return Math.max(
        MIN_AUTO_BIT_RATE, Math.round(AUTO_BITS_PER_PIXEL * frameWidth * frameHeight * fps));
  }
}
