package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.EncoderMode;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;
import org.stylepipe.video.H264Encoder;

/**
 * {@code --encoder} on a node without NVENC (this machine and CI): {@code nvenc} fails the job with
 * a clear error before any frame is stylized or written; {@code auto} writes the video with
 * OpenH264.
 */
class EncoderChoiceIT extends SparkTestBase {
  private static final int FRAMES = 12;

  @TempDir Path dir;

  @Test
  void nvencWithoutNvencFailsBeforeAnyFrameAndAutoFallsBackToOpenH264() throws Exception {
    assumeFalse(
        H264Encoder.forMode(EncoderMode.AUTO) == H264Encoder.NVENC,
        "this node has NVENC: nothing to report missing");
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 96, 64, FRAMES, 30, 10);
    Path model = TestModels.file("mosaic.onnx");

    Path failed = dir.resolve("nvenc");
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                StylizeJob.run(
                    StylizeJobIT.config(clip, failed, model, "--encoder", "nvenc"), spark));
    assertTrue(
        e.getMessage()
                .contains("Cannot encode with --encoder nvenc: FFmpeg's h264_nvenc does not open")
            && e.getMessage().contains("--encoder openh264"),
        e.getMessage());
    if (Files.exists(failed)) {
      try (Stream<Path> written = Files.walk(failed)) {
        assertFalse(
            written.anyMatch(p -> p.toString().endsWith(".mp4") || p.toString().endsWith(".png")),
            "no frame written");
      }
    }

    Path out = dir.resolve("auto");
    StylizeSummary summary =
        StylizeJob.run(StylizeJobIT.config(clip, out, model, "--encoder", "auto"), spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    assertEquals(FRAMES, summary.framesStylized());
    assertEquals(1, summary.videos());
    try (FFmpegFrameGrabber grabber =
        new FFmpegFrameGrabber(out.resolve("stylized/clip.mp4").toFile())) {
      grabber.start();
      assertEquals("h264", grabber.getVideoCodecName());
    }
  }
}
