package org.stylepipe.video;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stylepipe.config.EncoderMode;

/**
 * An H.264 encoder of JavaCV's FFmpeg build, and the one a node uses for an {@link EncoderMode}.
 */
public enum H264Encoder {
  /** Cisco's OpenH264, on the CPU: in every build, on every node. */
  OPENH264("libopenh264"),
  /** NVIDIA's NVENC: needs an NVIDIA driver and a GPU with an NVENC unit. */
  NVENC("h264_nvenc");

  /** Whether each encoder opened on this node, probed once per JVM. */
  private static final Map<H264Encoder, Boolean> OPENS = new ConcurrentHashMap<>();

  private final String ffmpegName;

  H264Encoder(String ffmpegName) {
    this.ffmpegName = ffmpegName;
  }

  /** FFmpeg's name for the encoder. */
  public String ffmpegName() {
    return ffmpegName;
  }

  /**
   * The encoder this node uses for {@code mode}: {@code auto} takes NVENC where a small test
   * encoder opens, else OpenH264.
   *
   * @throws IllegalStateException for {@code nvenc} where NVENC does not open on this node
   */
  public static H264Encoder forMode(EncoderMode mode) {
    return switch (mode) {
      case OPENH264 -> OPENH264;
      case AUTO -> NVENC.opensHere() ? NVENC : OPENH264;
      case NVENC -> {
        if (!NVENC.opensHere()) {
          throw new IllegalStateException(
              "Cannot encode with --encoder nvenc: FFmpeg's h264_nvenc does not open on this node (no"
                  + " NVIDIA driver, a GPU without NVENC, or no free NVENC session); use --encoder"
                  + " openh264, or --encoder auto to use OpenH264 where NVENC is missing");
        }
        yield NVENC;
      }
    };
  }

  /** Whether this encoder opens here, tried once per JVM on a small picture. */
  boolean opensHere() {
    return OPENS.computeIfAbsent(this, VideoEncoder::opens);
  }
}
