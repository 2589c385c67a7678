package org.stylepipe.output;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.stylepipe.common.ErrorRow;

/**
 * The footer entries a segment's commit shares with every job's: frame counts and the error that
 * shortened the segment, and reading a manifest file's footer.
 */
final class CommitFooter {
  static final String DECODED = "stylepipe.frames_decoded";
  static final String EXPECTED = "stylepipe.frames_expected";
  private static final String ERROR_SOURCE = "stylepipe.error.source";
  private static final String ERROR_STAGE = "stylepipe.error.stage";
  private static final String ERROR_REASON = "stylepipe.error.reason";

  private CommitFooter() {}

  /** Adds {@code error}'s entries to {@code metadata}, if there is an error. */
  static void putError(Map<String, String> metadata, ErrorRow error) {
    if (error != null) {
      metadata.put(ERROR_SOURCE, error.source());
      metadata.put(ERROR_STAGE, error.stage());
      metadata.put(ERROR_REASON, error.reason());
    }
  }

  /** The error recorded in {@code footer}, or null if none. */
  static ErrorRow error(Map<String, String> footer, String recordingId, int segment) {
    return footer.containsKey(ERROR_STAGE)
        ? new ErrorRow(
            footer.get(ERROR_SOURCE),
            recordingId,
            footer.get(ERROR_STAGE),
            segment,
            footer.get(ERROR_REASON))
        : null;
  }

  /** The key-value footer of a Parquet file, or null if it cannot be read (not a commit). */
  static Map<String, String> read(Path file, Configuration conf) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      return reader.getFooter().getFileMetaData().getKeyValueMetaData();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
