package org.stylepipe.video;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.stylepipe.video.FfmpegCalls.check;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** MP4 muxer settings shared by the segment encoder and the joiner. */
final class Mp4 {
  /** FFmpeg raises an MP4 video track's timescale below this by doubling (movenc). */
  private static final int MIN_VIDEO_TIMESCALE = 10_000;

  private Mp4() {}

  /**
   * Muxer options (the caller frees them) that keep a video track's start time exact: a track that
   * starts after zero begins with an empty edit, whose length MP4 gives in the movie timescale
   * (1/1000 s by default, which would move a segment starting at 2/3 s by 0.6 ms); here the movie
   * timescale is the video track's own.
   */
  private static AVDictionary exactTimes(AVRational videoTimeBase) {
    long timescale = videoTimeBase.den();
    while (timescale < MIN_VIDEO_TIMESCALE) {
      timescale *= 2;
    }
    AVDictionary options = new AVDictionary(null);
    av_dict_set(options, "movie_timescale", Long.toString(timescale), 0);
    return options;
  }

  /**
   * Opens {@code file} for the muxer, whose streams are set up, and writes the header with {@link
   * #exactTimes}.
   */
  static void open(AVFormatContext muxer, Path file, AVRational videoTimeBase) throws IOException {
    AVIOContext io = new AVIOContext(null);
    check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open " + file + " for writing");
    muxer.pb(io);
    AVDictionary options = exactTimes(videoTimeBase);
    try {
      check(avformat_write_header(muxer, options), "write the header of " + file);
    } finally {
      av_dict_free(options);
    }
  }
}
