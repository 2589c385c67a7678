package org.stylepipe.output;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.stylepipe.common.ErrorRow;

/**
 * What a committed stylize segment did, kept in the footer of its manifest file so that the
 * manifest file alone is the segment's commit: its video (relative to the output root; null if none
 * was written), frames decoded against frames listed, frames stylized, the device that ran the
 * model, and the error that shortened it.
 */
public record StylizedCommit(
    String recordingId,
    int segment,
    String video,
    long framesDecoded,
    long framesExpected,
    long framesStylized,
    String device,
    ErrorRow error)
    implements Serializable {

  private static final String VIDEO = "stylepipe.video";
  private static final String STYLIZED = "stylepipe.frames_stylized";
  private static final String DEVICE = "stylepipe.device";

  /** The footer entries of this commit. */
  public Map<String, String> toMetadata() {
    Map<String, String> metadata = new HashMap<>();
    if (video != null) {
      metadata.put(VIDEO, video);
    }
    metadata.put(CommitFooter.DECODED, Long.toString(framesDecoded));
    metadata.put(CommitFooter.EXPECTED, Long.toString(framesExpected));
    metadata.put(STYLIZED, Long.toString(framesStylized));
    metadata.put(DEVICE, device);
    CommitFooter.putError(metadata, error);
    return metadata;
  }

  /**
   * The commits found under a manifest folder, keyed by {@link SegmentCommit#key}; files without
   * this footer (not written by the stylize job) are not taken as commits.
   */
  public static Map<String, StylizedCommit> readAll(String manifestUri, Configuration conf)
      throws IOException {
    Map<String, StylizedCommit> commits = new HashMap<>();
    for (Map.Entry<String, Path> file : SegmentCommit.files(manifestUri, conf).entrySet()) {
      String[] key = file.getKey().split("/");
      StylizedCommit commit = read(key[0], Integer.parseInt(key[1]), file.getValue(), conf);
      if (commit != null) {
        commits.put(file.getKey(), commit);
      }
    }
    return commits;
  }

  /** The commit in the footer of a segment's manifest file, or null if it holds none. */
  static StylizedCommit read(String recordingId, int segment, Path file, Configuration conf)
      throws IOException {
    Map<String, String> footer = CommitFooter.read(file, conf);
    if (footer == null || !footer.containsKey(STYLIZED)) {
      return null; // unreadable or not this job's: not a commit, the segment is redone
    }
    ErrorRow error = CommitFooter.error(footer, recordingId, segment);
    return new StylizedCommit(
        recordingId,
        segment,
        footer.get(VIDEO),
        Long.parseLong(footer.get(CommitFooter.DECODED)),
        Long.parseLong(footer.get(CommitFooter.EXPECTED)),
        Long.parseLong(footer.get(STYLIZED)),
        footer.get(DEVICE),
        error);
  }
}
