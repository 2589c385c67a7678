package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.flicker.WarpingError;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.StyleModel;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.BenchmarkClips;
import org.stylepipe.video.H264Encoder;
import org.stylepipe.video.H264Rate;
import org.stylepipe.video.KeyframeGrid;
import org.stylepipe.video.TimeBase;
import org.stylepipe.video.VideoEncoder;

/**
 * The stylize job's segment videos, each encoded by itself at the job's default rate as its tasks
 * do, on the bundled sample's first 3 s stylized by mosaic. Cut on the keyframe grid, they join
 * into the very video encoded in one piece: no seam at all. Cut off the grid (segments of 10
 * frames), each segment adds a keyframe, and the ratio of E_warp at the first frame of each segment
 * to E_warp inside segments stays within 1.5 times the stylized frames' own ratio (measured: 1.3
 * times); a fixed bit rate (the old default, 500 kbit/s at this size) starts each segment's
 * keyframe at another quality than the frames before it and fails the same bound (measured: 2.5
 * times).
 */
class SegmentSeamTest {
  private static final int WIDTH = 320;
  private static final int HEIGHT = 180;
  private static final int FRAMES = 90;
  private static final int SEGMENT_FRAMES = 10;
  private static final double FPS = 30;
  private static final long KEYFRAME_INTERVAL_US = 2_000_000;

  /** How far above the stylized frames' own seam ratio the encoded video's may be. */
  private static final double BOUND = 1.5;

  /** Frames and keyframe interval of the segments cut on the grid: three in the clip. */
  private static final int GRID_FRAMES = 30;

  private static final long GRID_INTERVAL_US = 1_000_000;

  @TempDir Path dir;

  @Test
  void segmentsOnTheKeyframeGridJoinIntoTheVideoOfOnePiece() throws Exception {
    Clip clip = clip();
    List<Mat> whole = encodeInSegments(clip, defaultRate(), "whole", FRAMES, GRID_INTERVAL_US);
    List<Mat> parts = encodeInSegments(clip, defaultRate(), "parts", GRID_FRAMES, GRID_INTERVAL_US);
    assertEquals(FRAMES, whole.size());
    assertEquals(FRAMES, parts.size());
    for (int i = 0; i < FRAMES; i++) {
      assertArrayEquals(
          BenchmarkClips.bgr(whole.get(i)), BenchmarkClips.bgr(parts.get(i)), "frame " + i);
    }
  }

  @Test
  void defaultRateAddsLittleFlickerAtSegmentSeamsOffTheGrid() throws Exception {
    Clip clip = clip();
    double frames = seamRatio(clip, clip.stylized());
    double encoded =
        seamRatio(
            clip,
            encodeInSegments(clip, defaultRate(), "default", SEGMENT_FRAMES, KEYFRAME_INTERVAL_US));
    double fixedBitRate =
        seamRatio(
            clip,
            encodeInSegments(
                clip,
                new H264Rate(H264Rate.MIN_QUANTIZER, 500_000),
                "fixed",
                SEGMENT_FRAMES,
                KEYFRAME_INTERVAL_US));
    String report =
        String.format(
            "seam/inside E_warp: frames %.2f, default rate %.2f, fixed 500 kbit/s %.2f",
            frames, encoded, fixedBitRate);
    assertTrue(encoded <= BOUND * frames, report);
    // The bound tells the two apart: a fixed bit rate puts a seam into the video.
    assertTrue(fixedBitRate > BOUND * frames, report);
  }

  private static H264Rate defaultRate() {
    StylizeConfig defaults =
        StylizeConfig.from(
            OptionMap.fromArgs(List.of("--input", "a.mp4", "--output", "out", "--model", "m.pt")));
    return defaults.settings().videoRate(WIDTH, HEIGHT, FPS);
  }

  /** The sample's first frames at the test size, and the same stylized by mosaic. */
  private record Clip(List<Mat> input, List<Mat> stylized, List<Long> times, TimeBase timeBase) {}

  private Clip clip() throws Exception {
    Path source =
        BenchmarkClips.firstFrames(
            Path.of("src/sample/gameplay.mp4"), dir.resolve("clip.mp4"), FRAMES, WIDTH, HEIGHT);
    List<Mat> input = new ArrayList<>();
    List<Mat> stylized = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    try (SegmentReader reader =
            new SegmentReader(
                source.toString(), new Configuration(), BenchmarkClips.wholeRecording(), 0);
        StyleModel model = StyleModel.load(TestModels.file("mosaic.onnx"), ModelOptions.cpu());
        Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      DecodedFrame frame;
      while ((frame = reader.next()) != null) {
        Mat image = frame.image().clone();
        input.add(image);
        byte[] pixels = BenchmarkClips.bgr(image);
        byte[] out =
            predictor.predict(FrameBatch.of(WIDTH, HEIGHT, List.of(pixels))).frames().get(0);
        Mat styled = new Mat(HEIGHT, WIDTH, opencv_core.CV_8UC3);
        styled.data().put(out);
        stylized.add(styled);
        times.add(frame.ptsUs());
      }
      return new Clip(input, stylized, times, reader.timeBase().forMicros());
    }
  }

  /** Encodes the stylized frames in segments, each its own video, and decodes them in order. */
  private List<Mat> encodeInSegments(
      Clip clip, H264Rate rate, String name, int segmentFrames, long keyframeIntervalUs)
      throws Exception {
    List<Mat> decoded = new ArrayList<>();
    OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    for (int first = 0; first < FRAMES; first += segmentFrames) {
      Path segment = dir.resolve(name + "-" + first + ".mp4");
      try (VideoEncoder encoder =
          new VideoEncoder(
              H264Encoder.OPENH264,
              segment,
              WIDTH,
              HEIGHT,
              clip.timeBase(),
              FPS,
              rate,
              new KeyframeGrid(clip.times().get(0), keyframeIntervalUs))) {
        for (int i = first; i < first + segmentFrames; i++) {
          encoder.encode(BenchmarkClips.bgr(clip.stylized().get(i)), clip.times().get(i));
        }
        encoder.finish();
      }
      try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(segment.toString())) {
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        grabber.start();
        Frame frame;
        while ((frame = grabber.grabImage()) != null) {
          decoded.add(converter.convert(frame).clone());
        }
      }
    }
    return decoded;
  }

  /** Mean E_warp at the segments' first frames over the mean inside segments. */
  private static double seamRatio(Clip clip, List<Mat> judged) {
    double seams = 0;
    double inside = 0;
    int seamFrames = 0;
    try (WarpingError warping = new WarpingError()) {
      for (int i = 0; i < FRAMES; i++) {
        double error = warping.next(clip.input().get(i), judged.get(i))[0];
        if (i == 0) {
          continue;
        }
        if (i % SEGMENT_FRAMES == 0) {
          seams += error;
          seamFrames++;
        } else {
          inside += error;
        }
      }
    }
    return (seams / seamFrames) / (inside / (FRAMES - 1 - seamFrames));
  }
}
