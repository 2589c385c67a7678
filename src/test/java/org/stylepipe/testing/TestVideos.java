package org.stylepipe.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.stylepipe.video.TimeBase;

/**
 * Writes small real H.264 test recordings with FFmpeg (JavaCV's build encodes H.264 with OpenH264:
 * no B-frames; the bundled x264 sample covers those): every frame different, keyframes at a chosen
 * interval.
 */
public final class TestVideos {
  private TestVideos() {}

  /**
   * A constant-rate recording of {@code frames} frames at {@code fps}, a keyframe every {@code gop}
   * frames.
   */
  public static Path constantRate(Path file, int width, int height, int frames, double fps, int gop)
      throws Exception {
    long[] times = new long[frames];
    for (int i = 0; i < frames; i++) {
      times[i] = Math.round(i * 1_000_000 / fps);
    }
    return write(file, width, height, times, fps, gop);
  }

  /**
   * A variable-rate recording: frame intervals alternate irregularly between about 20 and 90 ms
   * (millisecond time base), as screen recorders produce when the game's frame rate varies.
   */
  public static Path variableRate(Path file, int width, int height, int frames, int gop)
      throws Exception {
    long[] times = new long[frames];
    Random random = new Random(7);
    long t = 0;
    for (int i = 0; i < frames; i++) {
      times[i] = t;
      t += (20 + random.nextInt(71)) * 1000L;
    }
    return write(file, width, height, times, 1000, gop);
  }

  /** Presentation times of the keyframes, from a full decode. */
  public static List<Long> keyframeTimes(Path file) throws Exception {
    List<Long> times = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toString())) {
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        if (frame.keyFrame) {
          times.add(ptsUs(grabber, frame));
        }
      }
    }
    return times;
  }

  /**
   * Like {@link #constantRate} with the index at the front of the file ("faststart"), as streaming
   * tools write.
   */
  public static Path constantRateFastStart(
      Path file, int width, int height, int frames, double fps, int gop) throws Exception {
    long[] times = new long[frames];
    for (int i = 0; i < frames; i++) {
      times[i] = Math.round(i * 1_000_000 / fps);
    }
    return write(file, width, height, times, fps, gop, true);
  }

  /**
   * A constant-rate recording with an AAC audio track: a 440 Hz sine tone, mono, 44.1 kHz, as long
   * as the video.
   */
  public static Path withTone(Path file, int width, int height, int frames, double fps, int gop)
      throws Exception {
    int sampleRate = 44_100;
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, 1);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        Mat image = new Mat(height, width, opencv_core.CV_8UC3)) {
      recorder.setVideoCodec(AV_CODEC_ID_H264);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setGopSize(gop);
      recorder.setVideoBitrate(800_000);
      recorder.setAudioCodec(AV_CODEC_ID_AAC);
      recorder.setSampleRate(sampleRate);
      recorder.setAudioChannels(1);
      recorder.setAudioBitrate(64_000);
      recorder.start();
      long samplesWritten = 0;
      for (int i = 0; i < frames; i++) {
        paint(image, i, width, height);
        recorder.setTimestamp(Math.round(i * 1_000_000 / fps));
        recorder.record(converter.convert(image));
        long samplesDue = Math.round((i + 1) * sampleRate / fps);
        short[] tone = new short[(int) (samplesDue - samplesWritten)];
        for (int k = 0; k < tone.length; k++) {
          tone[k] =
              (short) (8000 * Math.sin(2 * Math.PI * 440 * (samplesWritten + k) / sampleRate));
        }
        recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(tone));
        samplesWritten = samplesDue;
      }
      recorder.stop();
    }
    return file;
  }

  /**
   * A constant-rate recording of the given 8-bit BGR frames at a high bit rate (about 4 bits per
   * pixel), so that their content survives coding nearly unchanged.
   */
  public static Path ofFrames(Path file, List<Mat> frames, double fps, int gop) throws Exception {
    int width = frames.get(0).cols();
    int height = frames.get(0).rows();
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, 0);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      recorder.setVideoCodec(AV_CODEC_ID_H264);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setGopSize(gop);
      recorder.setVideoBitrate((int) Math.min(50_000_000, 4L * width * height * Math.round(fps)));
      recorder.start();
      for (int i = 0; i < frames.size(); i++) {
        recorder.setTimestamp(Math.round(i * 1_000_000 / fps));
        recorder.record(converter.convert(frames.get(i)));
      }
      recorder.stop();
    }
    return file;
  }

  private static Path write(Path file, int width, int height, long[] timesUs, double rate, int gop)
      throws Exception {
    return write(file, width, height, timesUs, rate, gop, false);
  }

  private static Path write(
      Path file, int width, int height, long[] timesUs, double rate, int gop, boolean fastStart)
      throws Exception {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, 0);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        Mat image = new Mat(height, width, opencv_core.CV_8UC3)) {
      recorder.setVideoCodec(AV_CODEC_ID_H264);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(rate);
      recorder.setGopSize(gop);
      recorder.setVideoBitrate(800_000);
      if (fastStart) {
        recorder.setOption("movflags", "faststart");
      }
      recorder.start();
      for (int i = 0; i < timesUs.length; i++) {
        paint(image, i, width, height);
        recorder.setTimestamp(timesUs[i]);
        Frame frame = converter.convert(image);
        recorder.record(frame);
      }
      recorder.stop();
    }
    return file;
  }

  /** A gradient that drifts with the frame number, a moving square and per-frame noise. */
  public static void paint(Mat image, int frame, int width, int height) {
    Random random = new Random(frame);
    byte[] pixels = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = (y * width + x) * 3;
        pixels[p] = (byte) ((x * 2 + frame * 3) & 0xff);
        pixels[p + 1] = (byte) ((y * 2 + frame) & 0xff);
        pixels[p + 2] = (byte) (((x + y) + random.nextInt(24)) & 0xff);
      }
    }
    image.data().put(pixels);
    int side = Math.max(4, height / 4);
    int x0 = (frame * 5) % Math.max(1, width - side);
    try (Rect square = new Rect(x0, height / 3, side, side);
        Scalar white = new Scalar(255, 255, 255, 0);
        Point origin = new Point(2, height - 4);
        Scalar black = new Scalar(0, 0, 0, 0)) {
      opencv_imgproc.rectangle(image, square, white, -1, opencv_imgproc.LINE_8, 0);
      opencv_imgproc.putText(
          image, Integer.toString(frame), origin, opencv_imgproc.FONT_HERSHEY_PLAIN, 1.0, black);
    }
  }

  /** A decoded frame's time in microseconds, rounded as ffprobe rounds (JavaCV's is truncated). */
  public static long ptsUs(FFmpegFrameGrabber grabber, Frame frame) {
    AVRational base = grabber.getFormatContext().streams(grabber.getVideoStream()).time_base();
    return new TimeBase(base.num(), base.den())
        .micros(((AVFrame) frame.opaque).best_effort_timestamp());
  }

  /** The pixels of a frame decoded as BGR24, row after row without the row padding. */
  public static byte[] pixels(Frame frame) {
    int row = frame.imageWidth * 3;
    byte[] bgr = new byte[row * frame.imageHeight];
    ByteBuffer buffer = (ByteBuffer) frame.image[0];
    for (int y = 0; y < frame.imageHeight; y++) {
      buffer.get(y * frame.imageStride, bgr, y * row, row);
    }
    return bgr;
  }
}
