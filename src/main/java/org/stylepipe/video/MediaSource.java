package org.stylepipe.video;

import static org.apache.hadoop.fs.Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY;
import static org.apache.hadoop.fs.Options.OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY_SEQUENTIAL;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Opens a recording for FFmpeg, its location given as a Hadoop path string ({@code file:/…}, {@code
 * s3a://…}, not URI-escaped, so any file name works): local files by path (FFmpeg's own file
 * protocol), anything else (s3a://, hdfs://) through the Hadoop file system as a seekable stream,
 * so a task reads only the byte ranges it decodes.
 */
public final class MediaSource {
  static {
    // FFmpeg's own error lines (damaged-stream details per packet) go through the logger, with the
    // scope of the code that drives FFmpeg.
    FfmpegLog.install();
  }

  private MediaSource() {}

  /** Size of the recording in bytes. */
  public static long size(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    return path.getFileSystem(conf).getFileStatus(path).getLen();
  }

  /**
   * A grabber for the recording at {@code uri}, not yet started, for one use; the caller closes it.
   */
  public static FFmpegFrameGrabber grabber(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    URI parsed = path.toUri();
    if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
      return new FFmpegFrameGrabber(
          parsed.getScheme() == null ? uri : Paths.get(parsed).toString());
    }
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status = fs.getFileStatus(path);
    // FFmpeg reads forward from each seek. S3A's default policy turns random after the first
    // backward seek (as to
    // the frames of an mp4 indexed at its end) and then fetches 64 KiB per request; sequential
    // streams each range.
    FSDataInputStream in =
        FutureIO.awaitFuture(
            fs.openFile(path)
                .withFileStatus(status)
                .opt(FS_OPTION_OPENFILE_READ_POLICY, FS_OPTION_OPENFILE_READ_POLICY_SEQUENTIAL)
                .build());
    return new StreamGrabber(uri, new HadoopSeekableStream(in, status.getLen()));
  }

  /**
   * A grabber on a Hadoop stream that reports errors of the stream as such (JavaCV's callbacks hand
   * FFmpeg only an error code, so a storage failure would look like damaged or truncated data) and
   * reports content FFmpeg cannot open as invalid data (JavaCV retries a failed open by file name,
   * which turns FFmpeg's error into "No such file").
   */
  private static final class StreamGrabber extends FFmpegFrameGrabber {
    private final String uri;
    private final HadoopSeekableStream stream;

    StreamGrabber(String uri, HadoopSeekableStream stream) {
      super(stream, Integer.MAX_VALUE);
      this.uri = uri;
      this.stream = stream;
    }

    @Override
    public void start() throws Exception {
      try {
        super.start();
      } catch (Exception e) {
        checkStream();
        if (String.valueOf(e.getMessage()).startsWith("avformat_open_input()")) {
          // The stream read without error, so FFmpeg refused its content.
          throw new Exception(
              "Cannot open " + uri + ": Invalid data found when processing input", e);
        }
        throw e;
      }
    }

    @Override
    public Frame grabImage() throws Exception {
      Frame frame = super.grabImage();
      checkStream();
      return frame;
    }

    @Override
    public AVPacket grabPacket() throws Exception {
      AVPacket packet = super.grabPacket();
      checkStream();
      return packet;
    }

    private void checkStream() throws Exception {
      if (stream.failure() != null) {
        throw new Exception(
            "Cannot read " + uri + ": " + stream.failure().getMessage(), stream.failure());
      }
    }
  }
}
