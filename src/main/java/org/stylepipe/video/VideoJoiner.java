package org.stylepipe.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AC3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_ALAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EAC3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FLAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.stylepipe.video.FfmpegCalls.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Joins segment videos into one MP4 without re-encoding: their video packets are copied in order,
 * keeping their timestamps (segments carry the source's times, so they follow on), and the audio
 * track of the source recording, if MP4 holds its codec in a standard way (AAC, MP3, AC-3, E-AC-3,
 * ALAC, Opus, FLAC), is copied beside them, interleaved by time; other audio (Vorbis, PCM) is left
 * out and the result says why.
 */
public final class VideoJoiner {
  /**
   * What a join wrote: video frames (packets), audio packets, and why audio was left out (null if
   * it was not).
   */
  public record Result(long videoPackets, long audioPackets, String audioSkipped) {}

  /**
   * The audio codecs MP4 holds in a standard way, which players play: others (Vorbis, PCM) would be
   * written under tags of FFmpeg's own.
   */
  private static final Set<Integer> MP4_AUDIO =
      Set.of(
          AV_CODEC_ID_AAC,
          AV_CODEC_ID_MP3,
          AV_CODEC_ID_AC3,
          AV_CODEC_ID_EAC3,
          AV_CODEC_ID_ALAC,
          AV_CODEC_ID_OPUS,
          AV_CODEC_ID_FLAC);

  private final Configuration conf;

  public VideoJoiner(Configuration conf) {
    this.conf = conf;
  }

  /**
   * Writes {@code out} (a local file, MP4 whatever its name) from {@code segments} (URIs of MP4
   * files of the same size and codec, in time order) and the audio of {@code audioSource} (a URI,
   * or null for none).
   */
  public Result join(List<String> segments, String audioSource, Path out) throws IOException {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("Cannot join videos into " + out + ": no segment videos");
    }
    try (FfmpegLog.Scope scope =
            FfmpegLog.scope("join " + segments.size() + " segment videos from " + segments.get(0));
        FfmpegLog.Entered entered = scope.enter()) {
      return write(segments, audioSource, out);
    }
  }

  private Result write(List<String> segments, String audioSource, Path out) throws IOException {
    AVFormatContext muxer = new AVFormatContext(null);
    check(
        avformat_alloc_output_context2(muxer, null, "mp4", out.toString()),
        "create an MP4 muxer for " + out);
    FFmpegFrameGrabber segment = null;
    FFmpegFrameGrabber audio = null;
    try {
      segment = open(segments.get(0));
      AVStream video = addStream(muxer, stream(segment, segment.getVideoStream()));
      AVStream audioOut = null;
      String audioSkipped = null;
      if (audioSource != null) {
        audio = open(audioSource);
        if (audio.getAudioStream() < 0) {
          audioSkipped = "the source has no audio stream";
        } else {
          AVCodecParameters params = stream(audio, audio.getAudioStream()).codecpar();
          if (MP4_AUDIO.contains(params.codec_id())) {
            audioOut = addStream(muxer, stream(audio, audio.getAudioStream()));
          } else {
            audioSkipped =
                "MP4 cannot hold its "
                    + avcodec_get_name(params.codec_id()).getString()
                    + " audio in a standard way (players would not play it); re-encode the"
                    + " recording's audio to AAC to keep it";
          }
        }
      }
      Mp4.open(muxer, out, video.time_base());

      long videoPackets = 0;
      long audioPackets = 0;
      int next = 1;
      AVPacket videoPacket = nextPacket(segment, segment.getVideoStream());
      AVPacket audioPacket = audioOut == null ? null : nextPacket(audio, audio.getAudioStream());
      while (true) {
        while (videoPacket == null && next < segments.size()) {
          segment.close();
          segment = open(segments.get(next));
          checkSameVideo(
              segments.get(0),
              video,
              segments.get(next),
              stream(segment, segment.getVideoStream()));
          next++;
          videoPacket = nextPacket(segment, segment.getVideoStream());
        }
        if (videoPacket == null && audioPacket == null) {
          break;
        }
        boolean videoFirst =
            audioPacket == null
                || videoPacket != null
                    && before(
                        videoPacket,
                        stream(segment, segment.getVideoStream()).time_base(),
                        audioPacket,
                        stream(audio, audio.getAudioStream()).time_base());
        if (videoFirst) {
          write(muxer, videoPacket, stream(segment, segment.getVideoStream()), video);
          videoPackets++;
          videoPacket = nextPacket(segment, segment.getVideoStream());
        } else {
          write(muxer, audioPacket, stream(audio, audio.getAudioStream()), audioOut);
          audioPackets++;
          audioPacket = nextPacket(audio, audio.getAudioStream());
        }
      }
      check(av_write_trailer(muxer), "complete " + out);
      return new Result(videoPackets, audioPackets, audioSkipped);
    } finally {
      closeQuietly(segment);
      closeQuietly(audio);
      if (muxer.pb() != null) {
        avio_closep(muxer.pb());
      }
      avformat_free_context(muxer);
    }
  }

  private FFmpegFrameGrabber open(String uri) throws IOException {
    FFmpegFrameGrabber grabber = MediaSource.grabber(uri, conf);
    try {
      grabber.start();
      return grabber;
    } catch (FrameGrabber.Exception e) {
      closeQuietly(grabber);
      throw new IOException("Cannot open " + uri + " to join it: " + e.getMessage(), e);
    }
  }

  private static AVStream stream(FFmpegFrameGrabber grabber, int index) {
    return grabber.getFormatContext().streams(index);
  }

  private static AVStream addStream(AVFormatContext muxer, AVStream input) throws IOException {
    AVStream output = avformat_new_stream(muxer, null);
    check(avcodec_parameters_copy(output.codecpar(), input.codecpar()), "copy stream parameters");
    output.codecpar().codec_tag(0);
    // The input's bit rate is a segment's: the muxer measures the joined stream's from its packets.
    output.codecpar().bit_rate(0);
    output.time_base(input.time_base());
    return output;
  }

  private static void checkSameVideo(String first, AVStream video, String uri, AVStream input)
      throws IOException {
    AVCodecParameters a = video.codecpar();
    AVCodecParameters b = input.codecpar();
    if (a.codec_id() != b.codec_id() || a.width() != b.width() || a.height() != b.height()) {
      throw new IOException(
          "Cannot join "
              + uri
              + " after "
              + first
              + ": its video is "
              + b.width()
              + "x"
              + b.height()
              + " "
              + avcodec_get_name(b.codec_id()).getString()
              + ", not "
              + a.width()
              + "x"
              + a.height()
              + " "
              + avcodec_get_name(a.codec_id()).getString());
    }
  }

  /**
   * The next packet of {@code streamIndex}, or null at the end; other streams' packets are dropped.
   */
  private static AVPacket nextPacket(FFmpegFrameGrabber grabber, int streamIndex)
      throws IOException {
    try {
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null && packet.stream_index() != streamIndex) {
        av_packet_unref(packet);
      }
      return packet;
    } catch (FrameGrabber.Exception e) {
      throw new IOException("Cannot read packets to join: " + e.getMessage(), e);
    }
  }

  private static boolean before(AVPacket a, AVRational aBase, AVPacket b, AVRational bBase) {
    long ta = time(a);
    long tb = time(b);
    return ta == AV_NOPTS_VALUE || tb == AV_NOPTS_VALUE || av_compare_ts(ta, aBase, tb, bBase) <= 0;
  }

  private static long time(AVPacket packet) {
    return packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
  }

  private static void write(AVFormatContext muxer, AVPacket packet, AVStream input, AVStream output)
      throws IOException {
    av_packet_rescale_ts(packet, input.time_base(), output.time_base());
    packet.stream_index(output.index());
    packet.pos(-1);
    check(av_interleaved_write_frame(muxer, packet), "write a packet to the joined video");
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    if (grabber != null) {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception e) {
        // Reading is done; a failure to release the reader does not affect the written file.
      }
    }
  }
}
