package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.TestVideos;

/**
 * Segments encoded with the source's times and joined by packet copy play as the source: frames,
 * times, audio.
 */
class VideoJoinerTest {
  @TempDir Path dir;

  @Test
  void segmentsJoinIntoTheSourceTimelineWithItsAudio() throws Exception {
    Path source = TestVideos.withTone(dir.resolve("tone.mp4"), 96, 64, 45, 30, 10);
    assertJoinsLikeTheSource(source, true);
  }

  @Test
  void segmentsOfASilentSourceJoinIntoItsTimeline() throws Exception {
    Path source = TestVideos.constantRate(dir.resolve("silent.mp4"), 96, 64, 45, 30, 10);
    assertJoinsLikeTheSource(source, false);
  }

  /**
   * Re-encodes the source in segments starting at frames 0, 20 and 30, joins them, and compares.
   */
  private void assertJoinsLikeTheSource(Path source, boolean audio) throws Exception {
    List<Long> times = new ArrayList<>();
    List<Path> segments = List.of(dir.resolve("0.mp4"), dir.resolve("1.mp4"), dir.resolve("2.mp4"));
    TimeBase timeBase;
    double fps;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toString())) {
      grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      grabber.start();
      var base = grabber.getFormatContext().streams(grabber.getVideoStream()).time_base();
      timeBase = new TimeBase(base.num(), base.den()).forMicros();
      fps = grabber.getVideoFrameRate();
      VideoEncoder encoder = null;
      Frame frame;
      int i = 0;
      while ((frame = grabber.grabImage()) != null) {
        if (i == 0 || i == 20 || i == 30) {
          if (encoder != null) {
            encoder.finish();
            encoder.close();
          }
          encoder =
              new VideoEncoder(
                  H264Encoder.OPENH264,
                  segments.get(i == 0 ? 0 : i == 20 ? 1 : 2),
                  96,
                  64,
                  timeBase,
                  fps,
                  new H264Rate(22, 500_000),
                  new KeyframeGrid(0, 1_000_000));
        }
        encoder.encode(TestVideos.pixels(frame), frame.timestamp);
        times.add(frame.timestamp);
        i++;
      }
      encoder.finish();
      encoder.close();
    }
    Path joined = dir.resolve("joined.mp4");
    VideoJoiner.Result result =
        new VideoJoiner(new Configuration())
            .join(segments.stream().map(Path::toString).toList(), source.toString(), joined);
    assertEquals(45, result.videoPackets());
    if (audio) {
      assertTrue(result.audioPackets() > 40, result.toString());
      assertNull(result.audioSkipped());
    } else {
      assertEquals("the source has no audio stream", result.audioSkipped());
    }

    List<Long> joinedTimes = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(joined.toString());
        FFmpegFrameGrabber original = new FFmpegFrameGrabber(source.toString())) {
      grabber.start();
      original.start();
      assertEquals(original.getVideoFrameRate(), grabber.getVideoFrameRate(), 1e-6);
      assertEquals(original.getLengthInTime(), grabber.getLengthInTime(), 50_000);
      assertEquals(audio, grabber.hasAudio());
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        joinedTimes.add(frame.timestamp);
      }
    }
    assertEquals(times, joinedTimes);
  }
}
