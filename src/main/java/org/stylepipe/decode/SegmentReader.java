package org.stylepipe.decode;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.Yuv420;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.video.FfmpegLog;
import org.stylepipe.video.TimeBase;
import org.stylepipe.video.VideoStreams;

/**
 * Decodes the frames of one segment, in presentation order, streaming: it seeks to the keyframe at
 * or before the segment's first frame, decodes forward, drops frames before the segment and stops
 * at its end.
 *
 * <p>Frames the decoder reports as damaged (concealed errors) are flagged, not hidden, so the
 * caller decides.
 *
 * <p>The seek is verified: if the first decoded frame lies after the segment's first frame (some
 * containers land late), the reader reopens and seeks earlier, down to the start of the file. Frame
 * indices continue from the planner's first index, so the numbering matches a sequential decode of
 * an undamaged file.
 *
 * <p>Frames are decoded in the decoder's own pixel format and converted (to BGR, or to YUV 4:2:0
 * for JPEG) by a {@link FrameScaler} only when asked ({@link #convertInto}), straight at the output
 * size where the caller gives one: a frame the caller drops costs its decoding only.
 */
public final class SegmentReader implements Closeable {
  /** libavutil/frame.h: the frame data may be corrupted (not mapped by the presets). */
  private static final int AV_FRAME_FLAG_CORRUPT = 1;

  /**
   * How far before the segment's first frame each seek attempt aims; after the last, decode from
   * the start.
   */
  private static final long[] SEEK_BACKOFF_US = {0, 1_000_000, 5_000_000};

  private final String uri;
  private final Configuration conf;
  private final SegmentPlan segment;
  private final int decoderThreads;
  private final int videoStream;
  private final FfmpegLog.Scope log;
  private FrameScaler scaler;
  private Orientation orientation;
  private final Mat image = new Mat();
  private final Mat unturned = new Mat();
  private FFmpegFrameGrabber grabber;
  private Frame pending;
  private Frame current;
  private long index;
  private boolean finished;

  /** A reader of frames at their source size. */
  public SegmentReader(String uri, Configuration conf, SegmentPlan segment, int decoderThreads) {
    this(uri, conf, segment, decoderThreads, FrameScaler.sourceSize());
  }

  /** A reader of frames converted by {@code scaler}, which the reader closes. */
  public SegmentReader(
      String uri, Configuration conf, SegmentPlan segment, int decoderThreads, FrameScaler scaler) {
    this(uri, VideoStreams.DEFAULT, conf, segment, decoderThreads, scaler);
  }

  /** A reader of the recording's video stream at its source size. */
  public SegmentReader(
      Recording recording, Configuration conf, SegmentPlan segment, int decoderThreads) {
    this(recording, conf, segment, decoderThreads, FrameScaler.sourceSize());
  }

  /** A reader of the recording's video stream, converted by {@code scaler}, which it closes. */
  public SegmentReader(
      Recording recording,
      Configuration conf,
      SegmentPlan segment,
      int decoderThreads,
      FrameScaler scaler) {
    this(recording.uri(), recording.videoStream(), conf, segment, decoderThreads, scaler);
  }

  private SegmentReader(
      String uri,
      int videoStream,
      Configuration conf,
      SegmentPlan segment,
      int decoderThreads,
      FrameScaler scaler) {
    this.uri = uri;
    this.videoStream = videoStream;
    this.conf = conf;
    this.segment = segment;
    this.decoderThreads = decoderThreads;
    this.scaler = scaler;
    this.index = segment.firstFrameIndex() - 1;
    this.log = FfmpegLog.scope("decode " + uri + " segment " + segment.index());
  }

  /** The video stream's time base; known once the first frame has been read. */
  public TimeBase timeBase() {
    if (grabber == null) {
      throw new IllegalStateException(
          "Cannot tell the time base of " + uri + ": no frame read yet");
    }
    AVRational base = grabber.getFormatContext().streams(grabber.getVideoStream()).time_base();
    return new TimeBase(base.num(), base.den());
  }

  /**
   * The next frame of the segment, or null after its last; its image is the reader's, valid until
   * the next call.
   */
  public DecodedFrame next() throws IOException {
    if (!advance()) {
      return null;
    }
    convertInto(image);
    return new DecodedFrame(index(), ptsUs(), image, damaged(), rotation());
  }

  /**
   * Decodes the next frame of the segment without converting it; false after the last frame. The
   * frame's {@link #index}, {@link #ptsUs}, {@link #damaged} and {@link #convertInto} hold until
   * the next call.
   */
  public boolean advance() throws IOException {
    if (finished) {
      return false;
    }
    try (FfmpegLog.Entered entered = log.enter()) {
      return decodeNext();
    }
  }

  private boolean decodeNext() throws IOException {
    if (grabber == null) {
      openAtSegment();
    }
    Frame frame = pending != null ? pending : grab();
    pending = null;
    if (frame == null || frame.timestamp >= segment.endUs()) {
      finished = true;
      current = null;
      return false;
    }
    index++;
    current = frame;
    return true;
  }

  /** The current frame's index in the recording. */
  public long index() {
    return index;
  }

  /** The current frame's presentation time. */
  public long ptsUs() {
    return current.timestamp;
  }

  /** Whether the decoder reported errors in the current frame. */
  public boolean damaged() {
    return isDamaged(current);
  }

  /**
   * Writes the current frame into {@code out}, in the scaler's format and size, upright: turned as
   * the stream's display matrix says ({@link Orientation}), as the ffmpeg command shows it.
   */
  public void convertInto(Mat out) {
    if (!orientation.applied()) {
      scaler.convert((AVFrame) current.opaque, out);
      return;
    }
    scaler.convert((AVFrame) current.opaque, unturned);
    if (Yuv420.is(unturned)) {
      Yuv420.map(unturned, out, orientation.transposes(), orientation::apply);
    } else {
      orientation.apply(unturned, out);
    }
  }

  /** The clockwise turn in degrees that makes the frames upright (0 if none is applied). */
  public int rotation() {
    return orientation.rotation();
  }

  private static boolean isDamaged(Frame frame) {
    // In raw mode the frame carries the decoder's own picture, error flags included.
    AVFrame picture = (AVFrame) frame.opaque;
    return picture.decode_error_flags() != 0 || (picture.flags() & AV_FRAME_FLAG_CORRUPT) != 0;
  }

  private void openAtSegment() throws IOException {
    if (segment.startUs() != Long.MIN_VALUE) {
      for (long backoff : SEEK_BACKOFF_US) {
        open(segment.firstPtsUs() - backoff);
        Frame first = grab();
        if (first != null && first.timestamp <= segment.firstPtsUs()) {
          skipToSegment(first);
          return;
        }
        closeGrabber();
      }
    }
    open(Long.MIN_VALUE);
    skipToSegment(grab());
  }

  private void skipToSegment(Frame first) throws IOException {
    while (first != null && first.timestamp < segment.startUs()) {
      first = grab();
    }
    pending = first;
  }

  private void open(long seekUs) throws IOException {
    try {
      grabber =
          VideoStreams.start(
              uri,
              conf,
              videoStream,
              opening -> {
                // Raw: the decoder's picture as is; the scaler converts only the frames asked for.
                opening.setImageMode(FrameGrabber.ImageMode.RAW);
                opening.setVideoOption("threads", Integer.toString(decoderThreads));
              });
      if (orientation == null) {
        orientation =
            VideoStreams.orientation(grabber.getFormatContext().streams(grabber.getVideoStream()));
        if (orientation.applied() && orientation.transposes()) {
          FrameScaler sideways = scaler.transposed(); // scaled on its side, then turned
          scaler.close();
          scaler = sideways;
        }
      }
      if (seekUs != Long.MIN_VALUE) {
        long target = Math.max(0, seekUs);
        int ret =
            avformat_seek_file(
                grabber.getFormatContext(),
                -1,
                Long.MIN_VALUE,
                target,
                target,
                AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
          // Not seekable this way: decode from the start instead; correctness does not depend on
          // the seek.
          closeGrabber();
          open(Long.MIN_VALUE);
        }
      }
    } catch (IOException e) {
      throw new IOException("Cannot decode " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The next frame, its time rounded to the microsecond ({@link TimeBase#micros}). */
  private Frame grab() throws IOException {
    try {
      Frame frame = grabber.grabImage();
      if (frame != null) {
        long pts = ((AVFrame) frame.opaque).best_effort_timestamp();
        if (pts != AV_NOPTS_VALUE) {
          frame.timestamp = timeBase().micros(pts); // JavaCV's own is truncated
        }
      }
      return frame;
    } catch (FrameGrabber.Exception e) {
      throw new IOException("Cannot decode " + uri + " in " + segment + ": " + e.getMessage(), e);
    }
  }

  private void closeGrabber() throws IOException {
    if (grabber != null) {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception e) {
        throw new IOException("Cannot close " + uri + ": " + e.getMessage(), e);
      } finally {
        grabber = null;
        pending = null;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try (FfmpegLog.Entered entered = log.enter()) {
      closeGrabber();
    } finally {
      image.close();
      unturned.close();
      scaler.close();
      log.close();
    }
  }
}
