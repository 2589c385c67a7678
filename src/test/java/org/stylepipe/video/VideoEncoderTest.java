package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H.264 encoder of the stylized videos, with real OpenH264. */
class VideoEncoderTest {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 64;

  @TempDir Path dir;

  @Test
  void opensAtTheMostBitRateTheOptionsAllow() throws Exception {
    Path file = dir.resolve("most.mp4");
    try (VideoEncoder encoder =
        new VideoEncoder(
            H264Encoder.OPENH264,
            file,
            WIDTH,
            HEIGHT,
            new TimeBase(1, 1_000_000),
            30,
            new H264Rate(22, H264Rate.MAX_BIT_RATE),
            KeyframeGrid.stylized(0))) {
      for (int i = 0; i < 3; i++) {
        encoder.encode(new byte[WIDTH * HEIGHT * 3], i * 33_333L);
      }
      encoder.finish();
    }
    int frames = 0;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toString())) {
      grabber.start();
      while (grabber.grabImage() != null) {
        frames++;
      }
    }
    assertEquals(3, frames);
  }
}
