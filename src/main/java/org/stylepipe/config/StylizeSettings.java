package org.stylepipe.config;

import java.io.Serializable;
import org.stylepipe.video.H264Rate;

/**
 * The part of a stylize configuration that travels to executors.
 *
 * @param width output width, or 0 for the source's (rounded down to even)
 * @param height output height, or 0 for the source's (rounded down to even)
 * @param videoQuality the H.264 quantizer of every frame of the videos
 * @param videoKbps the most H.264 bit rate in kbit/s, or 0 for {@link #videoRate automatic}
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
    int videoQuality,
    int videoKbps,
    GuideMode guide,
    int modelThreads,
    int decoderThreads,
    EncoderMode encoder)
    implements Serializable {

  /**
   * The automatic bit-rate limit in bits per pixel of each frame: a bound on the size, not a
   * target. Finely textured styles reach it at large sizes (mosaic at 1280x720 would take 1.6 at
   * the default quantizer).
   */
  private static final double AUTO_MAX_BITS_PER_PIXEL = 0.5;

  private static final long MIN_AUTO_MAX_BIT_RATE = 2_000_000;

  /** The quantizer and the most bits/s of the video of frames of this size at this rate. */
  public H264Rate videoRate(int frameWidth, int frameHeight, double frameRate) {
    if (videoKbps > 0) {
      return new H264Rate(videoQuality, videoKbps * 1000L);
    }
    double fps = frameRate > 0 ? frameRate : 30;
    long auto = Math.round(AUTO_MAX_BITS_PER_PIXEL * frameWidth * frameHeight * fps);
    return new H264Rate(
        videoQuality, Math.min(H264Rate.MAX_BIT_RATE, Math.max(MIN_AUTO_MAX_BIT_RATE, auto)));
  }
}
