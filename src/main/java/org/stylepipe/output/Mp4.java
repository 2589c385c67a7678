package org.stylepipe.output;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** MP4 muxer settings shared by the segment encoder and the joiner. */
final class Mp4 {
  /** FFmpeg raises an MP4 video track's timescale below this by doubling (movenc). */
  private static final int MIN_VIDEO_TIMESCALE = 10_000;

  private Mp4() {}

  /**
   * Muxer options (the caller frees them) that keep a video track's start time exact: a track that starts after
   * zero begins with an empty edit, whose length MP4 gives in the movie timescale (1/1000 s by default, which would
   * move a segment starting at 2/3 s by 0.6 ms); here the movie timescale is the video track's own.
   */
  static AVDictionary exactTimes(AVRational videoTimeBase) {
    long timescale = videoTimeBase.den();
    while (timescale < MIN_VIDEO_TIMESCALE) {
      timescale *= 2;
    }
    AVDictionary options = new AVDictionary(null);
    av_dict_set(options, "movie_timescale", Long.toString(timescale), 0);
    return options;
  }
}
