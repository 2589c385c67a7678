package org.stylepipe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a dataset holds, independent of where it is: manifest rows and image files, in a stable
 * order.
 */
public final class DatasetSnapshot {
  private DatasetSnapshot() {}

  /** One line per manifest row. */
  public static List<String> manifest(SparkSession spark, Path out) {
    List<String> lines = new ArrayList<>();
    for (Row r : spark.read().parquet(out.resolve("manifest").toString()).collectAsList()) {
      lines.add(
          String.join(
              " ",
              r.getAs("recording_id").toString(),
              r.getAs("segment").toString(),
              r.getAs("frame_index").toString(),
              r.getAs("pts_us").toString(),
              r.getAs("variant"),
              r.getAs("width") + "x" + r.getAs("height"),
              r.getAs("path"),
              r.getAs("bytes").toString(),
              r.getAs("sha256")));
    }
    lines.sort(String::compareTo);
    return lines;
  }

  /** One line per file under {@code frames/}: relative path and SHA-256 of its bytes. */
  public static List<String> files(Path out) throws Exception {
    return files(out, "frames");
  }

  /**
   * One line per file under {@code folder} of the output: relative path and SHA-256 of its bytes.
   */
  public static List<String> files(Path out, String folder) throws Exception {
    List<String> lines = new ArrayList<>();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(out.resolve(folder))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        lines.add(
            out.relativize(file)
                + " "
                + HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(file))));
      }
    }
    return lines;
  }

  /** Number of committed segments (manifest files) of a recording. */
  public static int commits(Path out, String recordingId) throws IOException {
    Path folder = out.resolve("manifest/recording_id=" + recordingId);
    if (Files.notExists(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return (int) files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    }
  }
}
