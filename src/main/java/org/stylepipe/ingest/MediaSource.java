package org.stylepipe.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * Opens a recording for FFmpeg: local files by path (FFmpeg's own file protocol), anything else (s3a://, hdfs://)
 * through the Hadoop file system as a seekable stream, so a task reads only the byte ranges it decodes.
 */
public final class MediaSource {
  static {
    // FFmpeg's own chatter (damaged-stream warnings per macroblock) goes through JavaCV's logger at error level.
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    FFmpegLogCallback.set();
  }

  private MediaSource() {}

  /** Size of the recording in bytes. */
  public static long size(String uri, Configuration conf) throws IOException {
    Path path = new Path(URI.create(uri));
    return path.getFileSystem(conf).getFileStatus(path).getLen();
  }

  /** A grabber for the recording at {@code uri}, not yet started; the caller closes it. */
  public static FFmpegFrameGrabber grabber(String uri, Configuration conf) throws IOException {
    URI parsed = URI.create(uri);
    if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
      String local = parsed.getScheme() == null ? uri : Paths.get(parsed).toString();
      return new FFmpegFrameGrabber(local);
    }
    Path path = new Path(parsed);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status = fs.getFileStatus(path);
    HadoopSeekableStream stream = new HadoopSeekableStream(fs.open(path), status.getLen());
    return new FFmpegFrameGrabber(stream, Integer.MAX_VALUE);
  }
}
