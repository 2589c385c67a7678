package org.stylepipe.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.stylepipe.decode.Orientation;

/**
 * Which video stream of a recording is read, and how its pictures are turned upright. Without a
 * choice it is the stream the {@code ffmpeg} command maps by default: the largest picture, a stream
 * marked default counting as 5 megapixels larger, cover pictures last.
 */
public final class VideoStreams {
  /** The stream ffmpeg picks by default. */
  public static final int DEFAULT = -1;

  private VideoStreams() {}

  /** The indices of the video streams (cover pictures among them) of an open container. */
  public static List<Integer> videoStreams(AVFormatContext container) {
    List<Integer> streams = new ArrayList<>();
    for (int i = 0; i < container.nb_streams(); i++) {
      if (container.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        streams.add(i);
      }
    }
    return streams;
  }

  /** The video stream ffmpeg maps by default, or -1 if there is none. */
  public static int defaultStream(AVFormatContext container) {
    int best = -1;
    long bestScore = Long.MIN_VALUE;
    for (int i : videoStreams(container)) {
      AVStream stream = container.streams(i);
      AVCodecParameters codec = stream.codecpar();
      long score =
          (long) codec.width() * codec.height()
              + ((stream.disposition() & AV_DISPOSITION_DEFAULT) != 0 ? 5_000_000 : 0);
      if ((stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
        score = 1;
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /** How the pictures of {@code stream} are turned upright, from its display matrix. */
  public static Orientation orientation(AVStream stream) {
    AVCodecParameters codec = stream.codecpar();
    AVPacketSideData side =
        av_packet_side_data_get(
            codec.coded_side_data(), codec.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (side == null || side.isNull() || side.size() < 36) {
      return Orientation.UPRIGHT;
    }
    IntPointer matrix = new IntPointer(side.data());
    int[] values = new int[9];
    matrix.get(values);
    return Orientation.of(values, av_display_rotation_get(matrix));
  }

  /**
   * A started grabber of {@code uri} reading video stream {@code wanted} ({@link #DEFAULT}: the one
   * ffmpeg picks), set up by {@code setup} before it starts.
   *
   * @throws IOException if {@code wanted} is not a video stream of the recording
   */
  public static FFmpegFrameGrabber start(
      String uri, Configuration conf, int wanted, Consumer<FFmpegFrameGrabber> setup)
      throws IOException {
    FFmpegFrameGrabber grabber = startOn(uri, conf, DEFAULT, setup);
    int stream;
    try {
      AVFormatContext container = grabber.getFormatContext();
      if (wanted != DEFAULT && !videoStreams(container).contains(wanted)) {
        throw new IOException(
            "Cannot use --video-stream "
                + wanted
                + ": the video streams of "
                + uri
                + " are "
                + videoStreams(container));
      }
      stream = wanted == DEFAULT ? defaultStream(container) : wanted;
    } catch (IOException | RuntimeException e) {
      close(grabber);
      throw e;
    }
    if (stream < 0 || stream == grabber.getVideoStream()) {
      return grabber;
    }
    close(grabber);
    return startOn(uri, conf, stream, setup); // JavaCV takes its stream when it starts
  }

  private static FFmpegFrameGrabber startOn(
      String uri, Configuration conf, int stream, Consumer<FFmpegFrameGrabber> setup)
      throws IOException {
    FFmpegFrameGrabber grabber = MediaSource.grabber(uri, conf);
    if (stream != DEFAULT) {
      grabber.setVideoStream(stream);
    }
    setup.accept(grabber);
    try {
      grabber.start();
      return grabber;
    } catch (FrameGrabber.Exception e) {
      close(grabber);
      throw new IOException("Cannot open " + uri + ": " + e.getMessage(), e);
    }
  }

  private static void close(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception e) {
      // nothing was read from it
    }
  }
}
