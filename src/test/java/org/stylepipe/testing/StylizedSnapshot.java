package org.stylepipe.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** What a stylize job's output holds, independent of where it is, in a stable order. */
public final class StylizedSnapshot {
  private StylizedSnapshot() {}

  /** One line per manifest row. */
  public static List<String> manifest(SparkSession spark, String out) {
    List<String> lines = new ArrayList<>();
    for (Row r : spark.read().parquet(out + "/manifest").collectAsList()) {
      lines.add(
          String.join(
              " ",
              r.getAs("recording_id").toString(),
              r.getAs("kind"),
              r.getAs("segment").toString(),
              r.getAs("frame_index").toString(),
              r.getAs("frames").toString(),
              r.getAs("pts_us").toString(),
              r.getAs("width") + "x" + r.getAs("height"),
              "rotation=" + r.getAs("rotation"),
              String.valueOf((Object) r.getAs("path")),
              r.getAs("model"),
              r.getAs("model_sha256"),
              String.valueOf((Object) r.getAs("device"))));
    }
    lines.sort(String::compareTo);
    return lines;
  }

  /** One line per frame of a video: its time and the SHA-256 of its BGR pixels. */
  public static List<String> frames(String video) throws Exception {
    List<String> lines = new ArrayList<>();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video)) {
      grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        lines.add(
            frame.timestamp
                + " "
                + HexFormat.of().formatHex(sha256.digest(TestVideos.pixels(frame))));
      }
    }
    return lines;
  }

  /** The time of every frame of a video, in microseconds. */
  public static List<String> times(String video) throws Exception {
    return frames(video).stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
  }

  /** One line per file under a local output: relative path, size and modification time. */
  public static List<String> files(Path out) throws Exception {
    try (Stream<Path> files = Files.walk(out)) {
      return files
          .filter(Files::isRegularFile)
          .sorted()
          .map(
              f -> {
                try {
                  return out.relativize(f)
                      + " "
                      + Files.size(f)
                      + " "
                      + Files.getLastModifiedTime(f);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
