package org.stylepipe.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.decode.Orientation;
import org.stylepipe.video.FfmpegLog;
import org.stylepipe.video.MediaSource;
import org.stylepipe.video.TimeBase;
import org.stylepipe.video.VideoStreams;

/**
 * Probes a recording (container, codec, size, rate, duration, audio) and plans its segments from a
 * demux-only pass over the video packets: no frame is decoded, so this reads the file once at I/O
 * speed. The packet times give the exact frame count and each segment's first frame index, which
 * parallel tasks cannot know alone.
 */
public final class RecordingProbe {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingProbe.class);

  /** The option that chooses another video stream than the default. */
  private static final String VIDEO_STREAM_OPTION = "video-stream";

  /**
   * A recording whose packets end this much before the container's stated duration is reported
   * truncated.
   */
  private static final long TRUNCATION_SLACK_US = 1_000_000;

  private final Configuration conf;
  private final PlanRule rule;

  public RecordingProbe(Configuration conf, PlanRule rule) {
    this.conf = conf;
    this.rule = rule;
  }

  /**
   * Probes and plans one recording.
   *
   * @throws IOException naming the reason if the file is empty, not a video FFmpeg can open, or
   *     holds no frame
   */
  public RecordingPlan probe(Recording recording) throws IOException {
    try (FfmpegLog.Scope scope = FfmpegLog.scope("probe " + recording.uri());
        FfmpegLog.Entered entered = scope.enter()) {
      return probeScoped(recording);
    }
  }

  private RecordingPlan probeScoped(Recording recording) throws IOException {
    if (MediaSource.size(recording.uri(), conf) == 0) {
      throw new IOException("the file is empty (0 bytes)");
    }
    try (FFmpegFrameGrabber grabber = startOrExplain(recording)) {
      if (!grabber.hasVideo()) {
        throw new IOException("it has no video stream");
      }
      int stream = grabber.getVideoStream();
      List<Integer> videoStreams = VideoStreams.videoStreams(grabber.getFormatContext());
      if (videoStreams.size() > 1) {
        LOG.info(
            "{} has video streams {}: reading #{} ({}; choose another with --{})",
            recording.uri(),
            videoStreams,
            stream,
            recording.videoStream() == VideoStreams.DEFAULT ? "the one ffmpeg picks" : "as asked",
            VIDEO_STREAM_OPTION);
      }
      Orientation orientation =
          VideoStreams.orientation(grabber.getFormatContext().streams(stream));
      AVRational base = grabber.getFormatContext().streams(stream).time_base();
      TimeBase timeBase = new TimeBase(base.num(), base.den());
      SegmentPlanner planner = rule.planner();
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        try {
          if (packet.stream_index() == stream && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
            long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            if (pts != AV_NOPTS_VALUE) {
              // The conversion SegmentReader applies to decoded frames, so the two agree.
              planner.add(timeBase.micros(pts), (packet.flags() & AV_PKT_FLAG_KEY) != 0);
            }
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      if (planner.frames() == 0) {
        throw new IOException("it holds no video frame with a timestamp");
      }
      long durationUs = grabber.getLengthInTime();
      boolean transposed = orientation.applied() && orientation.transposes();
      return new RecordingPlan(
          recording,
          grabber.getFormat(),
          grabber.getVideoCodecName(),
          stream,
          videoStreams.size(),
          orientation,
          transposed ? grabber.getImageHeight() : grabber.getImageWidth(),
          transposed ? grabber.getImageWidth() : grabber.getImageHeight(),
          grabber.getVideoFrameRate(),
          durationUs,
          grabber.hasAudio(),
          planner.frames(),
          timeBase,
          planner.plan(),
          truncationWarning(grabber, planner, durationUs));
    } catch (FrameGrabber.Exception e) {
      throw new IOException("FFmpeg cannot read it: " + e.getMessage(), e);
    }
  }

  /** The recording's grabber, started on its video stream; errors say what FFmpeg found. */
  private FFmpegFrameGrabber startOrExplain(Recording recording) throws IOException {
    try {
      return VideoStreams.start(recording.uri(), conf, recording.videoStream(), grabber -> {});
    } catch (IOException e) {
      if (!(e.getCause() instanceof FrameGrabber.Exception)) {
        throw e;
      }
      String message = String.valueOf(e.getCause().getMessage());
      if (message.contains("error -1094995529") || message.contains("Invalid data")) {
        throw new IOException(
            "not a recording FFmpeg can open (invalid data, or a truncated/empty file)", e);
      }
      throw new IOException("FFmpeg cannot open it: " + message, e);
    }
  }

  private static String truncationWarning(
      FFmpegFrameGrabber grabber, SegmentPlanner planner, long durationUs) {
    long startUs = Math.max(0, grabber.getFormatContext().start_time());
    long lastUs = planner.lastPtsUs() - startUs;
    if (durationUs > 0 && lastUs + TRUNCATION_SLACK_US < durationUs) {
      return String.format(
          "truncated: video packets end at %.2f s of the stated %.2f s",
          lastUs / 1e6, durationUs / 1e6);
    }
    return null;
  }
}
