package org.stylepipe.decode;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.video.MediaSource;
import org.stylepipe.video.TimeBase;

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
 */
public final class SegmentReader implements Closeable {
  /**
   * How far before the segment's first frame each seek attempt aims; after the last, decode from
   * the start.
   */
  /** libavutil/frame.h: the frame data may be corrupted (not mapped by the presets). */
  private static final int AV_FRAME_FLAG_CORRUPT = 1;

  private static final long[] SEEK_BACKOFF_US = {0, 1_000_000, 5_000_000};

  private final String uri;
  private final Configuration conf;
  private final SegmentPlan segment;
  private final int decoderThreads;
  private Mat image;
  private FFmpegFrameGrabber grabber;
  private Frame pending;
  private long nextIndex;
  private boolean finished;

  public SegmentReader(String uri, Configuration conf, SegmentPlan segment, int decoderThreads) {
    this.uri = uri;
    this.conf = conf;
    this.segment = segment;
    this.decoderThreads = decoderThreads;
    this.nextIndex = segment.firstFrameIndex();
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

  /** The next frame of the segment, or null after its last. */
  public DecodedFrame next() throws IOException {
    if (finished) {
      return null;
    }
    if (grabber == null) {
      openAtSegment();
    }
    Frame frame = pending != null ? pending : grab();
    pending = null;
    if (frame == null || frame.timestamp >= segment.endUs()) {
      finished = true;
      return null;
    }
    if (image != null) {
      image.close();
    }
    image = BgrFrame.wrap(frame);
    return new DecodedFrame(nextIndex++, frame.timestamp, image, isDamaged(frame));
  }

  private static boolean isDamaged(Frame frame) {
    // JavaCV copies the decoded picture's properties, error flags included, onto the converted
    // frame.
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
      grabber = MediaSource.grabber(uri, conf);
      grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      grabber.setVideoOption("threads", Integer.toString(decoderThreads));
      grabber.start();
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
    } catch (FrameGrabber.Exception e) {
      throw new IOException("Cannot open " + uri + " for decoding: " + e.getMessage(), e);
    }
  }

  private Frame grab() throws IOException {
    try {
      return grabber.grabImage();
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
    closeGrabber();
    if (image != null) {
      image.close();
    }
  }
}
