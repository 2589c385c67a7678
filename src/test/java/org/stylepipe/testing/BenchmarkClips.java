package org.stylepipe.testing;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.video.H264Encoder;
import org.stylepipe.video.H264Rate;
import org.stylepipe.video.KeyframeGrid;
import org.stylepipe.video.TimeBase;
import org.stylepipe.video.VideoEncoder;

/** The clips the benchmarks run on, cut from a recording. */
public final class BenchmarkClips {
  private static final SegmentPlan ALL =
      new SegmentPlan(0, Long.MIN_VALUE, Long.MAX_VALUE, 0, Integer.MAX_VALUE, 0, Long.MIN_VALUE);

  /** Near-lossless: the encoder's bit rate, at any quantizer. */
  private static final H264Rate HIGH_RATE = new H264Rate(H264Rate.MIN_QUANTIZER, 20_000_000);

  private BenchmarkClips() {}

  /** The whole recording as one segment, for a sequential decode. */
  public static SegmentPlan wholeRecording() {
    return ALL;
  }

  /**
   * The first {@code frames} of {@code source}, stretched to width x height, as a high-rate H.264
   * clip.
   */
  public static Path firstFrames(Path source, Path clip, int frames, int width, int height)
      throws Exception {
    try (SegmentReader reader = new SegmentReader(source.toString(), new Configuration(), ALL, 0);
        FrameResizer resizer = new FrameResizer(width, height, ResizeMode.STRETCH)) {
      DecodedFrame frame = reader.next();
      TimeBase timeBase = reader.timeBase();
      try (VideoEncoder encoder =
          new VideoEncoder(
              H264Encoder.OPENH264,
              clip,
              width,
              height,
              timeBase,
              30,
              HIGH_RATE,
              KeyframeGrid.stylized(0))) {
        for (int i = 0; i < frames && frame != null; i++, frame = reader.next()) {
          encoder.encode(bgr(resizer.resize(frame.image())), frame.ptsUs());
        }
        encoder.finish();
      }
    }
    return clip;
  }

  /** The pixels of a continuous 8-bit BGR image. */
  public static byte[] bgr(Mat image) {
    byte[] bytes = new byte[(int) (image.total() * image.channels())];
    image.data().get(bytes);
    return bytes;
  }
}
