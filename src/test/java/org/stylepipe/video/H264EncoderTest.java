package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stylepipe.config.EncoderMode;

/**
 * The encoder each {@code --encoder} mode gets on this node, with a real FFmpeg: OpenH264 always
 * opens; NVENC opens only with an NVIDIA driver and an NVENC unit, and each branch is checked
 * against what this machine has.
 */
class H264EncoderTest {

  @Test
  void openH264IsAlwaysThere() {
    assertTrue(H264Encoder.OPENH264.opensHere());
    assertEquals(H264Encoder.OPENH264, H264Encoder.forMode(EncoderMode.OPENH264));
  }

  @Test
  void nvencWhereItOpensElseAClearErrorOrOpenH264ForAuto() {
    if (H264Encoder.NVENC.opensHere()) {
      assertEquals(H264Encoder.NVENC, H264Encoder.forMode(EncoderMode.NVENC));
      assertEquals(H264Encoder.NVENC, H264Encoder.forMode(EncoderMode.AUTO));
      return;
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> H264Encoder.forMode(EncoderMode.NVENC));
    assertTrue(
        e.getMessage()
                .startsWith("Cannot encode with --encoder nvenc: FFmpeg's h264_nvenc does not")
            && e.getMessage().contains("--encoder auto"),
        e.getMessage());
    assertEquals(H264Encoder.OPENH264, H264Encoder.forMode(EncoderMode.AUTO));
  }

  @Test
  void theBuildHasBothEncoders() {
    // JavaCV's FFmpeg is built with --enable-nvenc: h264_nvenc is there even where it cannot open.
    for (H264Encoder encoder : H264Encoder.values()) {
      assertTrue(
          org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name(encoder.ffmpegName())
              != null,
          encoder.ffmpegName());
    }
  }
}
