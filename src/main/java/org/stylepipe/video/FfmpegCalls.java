package org.stylepipe.video;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;

/** Turns FFmpeg's negative return codes into exceptions that say what failed and why. */
public final class FfmpegCalls {
  private FfmpegCalls() {}

  /**
   * {@code ret} itself if it is not an error, else an {@link IOException} "Cannot {@code what}:
   * reason".
   */
  public static int check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException("Cannot " + what + ": " + message(ret));
    }
    return ret;
  }

  public static String message(int ret) {
    byte[] buffer = new byte[256];
    av_strerror(ret, buffer, buffer.length);
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8) + " (" + ret + ")";
  }
}
