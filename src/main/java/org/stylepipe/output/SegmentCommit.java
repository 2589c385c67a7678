package org.stylepipe.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What a committed segment did, kept in the footer of its manifest file so that the manifest file alone is the
 * segment's commit: images written, frames decoded against frames listed, and the error that shortened it.
 */
public record SegmentCommit(
    String recordingId, int segment, int images, long framesDecoded, long framesExpected, ErrorRow error)
    implements Serializable {

  private static final String IMAGES = "stylepipe.images";
  private static final String DECODED = "stylepipe.frames_decoded";
  private static final String EXPECTED = "stylepipe.frames_expected";
  private static final String ERROR_SOURCE = "stylepipe.error.source";
  private static final String ERROR_STAGE = "stylepipe.error.stage";
  private static final String ERROR_REASON = "stylepipe.error.reason";

  /** The footer entries of this commit. */
  public Map<String, String> toMetadata() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(IMAGES, Integer.toString(images));
    metadata.put(DECODED, Long.toString(framesDecoded));
    metadata.put(EXPECTED, Long.toString(framesExpected));
    if (error != null) {
      metadata.put(ERROR_SOURCE, error.source());
      metadata.put(ERROR_STAGE, error.stage());
      metadata.put(ERROR_REASON, error.reason());
    }
    return metadata;
  }

  /**
   * The commits found under a manifest folder, keyed by {@code recordingId/segment}; files without stylepipe's
   * footer (not written by this job) are not taken as commits.
   */
  public static Map<String, SegmentCommit> readAll(String manifestUri, Configuration conf) throws IOException {
    Map<String, SegmentCommit> commits = new HashMap<>();
    Path manifest = new Path(manifestUri);
    FileSystem fs = manifest.getFileSystem(conf);
    FileStatus[] folders;
    try {
      folders = fs.listStatus(manifest);
    } catch (FileNotFoundException e) {
      return commits;
    }
    for (FileStatus folder : folders) {
      String name = folder.getPath().getName();
      if (!folder.isDirectory() || !name.startsWith("recording_id=")) {
        continue;
      }
      String recordingId = name.substring("recording_id=".length());
      for (FileStatus file : fs.listStatus(folder.getPath())) {
        String fileName = file.getPath().getName();
        if (fileName.matches("segment-\\d+\\.parquet")) {
          int segment = Integer.parseInt(fileName.substring(8, fileName.length() - 8));
          SegmentCommit commit = read(recordingId, segment, file.getPath(), conf);
          if (commit != null) {
            commits.put(key(recordingId, segment), commit);
          }
        }
      }
    }
    return commits;
  }

  /** The key of a segment in {@link #readAll}'s map. */
  public static String key(String recordingId, int segment) {
    return recordingId + "/" + segment;
  }

  private static SegmentCommit read(String recordingId, int segment, Path file, Configuration conf)
      throws IOException {
    Map<String, String> footer;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      footer = reader.getFooter().getFileMetaData().getKeyValueMetaData();
    } catch (RuntimeException e) {
      return null; // unreadable: not a commit, the segment is redone
    }
    if (!footer.containsKey(IMAGES)) {
      return null;
    }
    ErrorRow error =
        footer.containsKey(ERROR_STAGE)
            ? new ErrorRow(footer.get(ERROR_SOURCE), recordingId, footer.get(ERROR_STAGE), segment,
                footer.get(ERROR_REASON))
            : null;
    return new SegmentCommit(
        recordingId,
        segment,
        Integer.parseInt(footer.get(IMAGES)),
        Long.parseLong(footer.get(DECODED)),
        Long.parseLong(footer.get(EXPECTED)),
        error);
  }
}
