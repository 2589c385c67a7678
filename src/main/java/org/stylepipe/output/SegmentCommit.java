package org.stylepipe.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.stylepipe.common.ErrorRow;

/**
 * What a committed segment did, kept in the footer of its manifest file so that the manifest file
 * alone is the segment's commit: images written, frames decoded against frames listed, the error
 * that shortened it, and in a few-shot dataset the sequence numbers of its keyframes and of its
 * frames whose flow to the next frame is missing (empty otherwise).
 */
public record SegmentCommit(
    String recordingId,
    int segment,
    int images,
    long framesDecoded,
    long framesExpected,
    ErrorRow error,
    List<Integer> keyframes,
    List<Integer> flowBreaks)
    implements Serializable {

  public SegmentCommit {
    keyframes = List.copyOf(keyframes);
    flowBreaks = List.copyOf(flowBreaks);
  }

  /** The commit of a segment without keyframes. */
  public SegmentCommit(
      String recordingId,
      int segment,
      int images,
      long framesDecoded,
      long framesExpected,
      ErrorRow error) {
    this(recordingId, segment, images, framesDecoded, framesExpected, error, List.of(), List.of());
  }

  /** This commit with another error. */
  public SegmentCommit withError(ErrorRow other) {
    return new SegmentCommit(
        recordingId, segment, images, framesDecoded, framesExpected, other, keyframes, flowBreaks);
  }

  private static final String IMAGES = "stylepipe.images";
  private static final String KEYFRAMES = "stylepipe.keyframes";
  private static final String FLOW_BREAKS = "stylepipe.flow_breaks";

  /** The footer entries of this commit. */
  public Map<String, String> toMetadata() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(IMAGES, Integer.toString(images));
    metadata.put(CommitFooter.DECODED, Long.toString(framesDecoded));
    metadata.put(CommitFooter.EXPECTED, Long.toString(framesExpected));
    CommitFooter.putError(metadata, error);
    if (!keyframes.isEmpty()) {
      metadata.put(KEYFRAMES, join(keyframes));
    }
    if (!flowBreaks.isEmpty()) {
      metadata.put(FLOW_BREAKS, join(flowBreaks));
    }
    return metadata;
  }

  /**
   * The commits found under a manifest folder, keyed by {@code recordingId/segment}; files without
   * stylepipe's footer (not written by this job) are not taken as commits.
   */
  public static Map<String, SegmentCommit> readAll(String manifestUri, Configuration conf)
      throws IOException {
    Map<String, SegmentCommit> commits = new HashMap<>();
    for (Map.Entry<String, Path> file : files(manifestUri, conf).entrySet()) {
      String[] key = file.getKey().split("/");
      SegmentCommit commit = read(key[0], Integer.parseInt(key[1]), file.getValue(), conf);
      if (commit != null) {
        commits.put(file.getKey(), commit);
      }
    }
    return commits;
  }

  /**
   * The segment files {@code recording_id=<id>/segment-<n>.parquet} under a folder, keyed by {@code
   * recordingId/segment}.
   */
  public static Map<String, Path> files(String folderUri, Configuration conf) throws IOException {
    Map<String, Path> files = new HashMap<>();
    Path manifest = new Path(folderUri);
    FileSystem fs = manifest.getFileSystem(conf);
    FileStatus[] folders;
    try {
      folders = fs.listStatus(manifest);
    } catch (FileNotFoundException e) {
      return files;
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
          files.put(key(recordingId, segment), file.getPath());
        }
      }
    }
    return files;
  }

  /** The key of a segment in {@link #readAll}'s map. */
  public static String key(String recordingId, int segment) {
    return recordingId + "/" + segment;
  }

  /**
   * The commit in the footer of a segment's manifest file, or null if it holds none (not written by
   * this job).
   */
  public static SegmentCommit read(String recordingId, int segment, Path file, Configuration conf)
      throws IOException {
    Map<String, String> footer = CommitFooter.read(file, conf);
    if (footer == null || !footer.containsKey(IMAGES)) {
      return null; // unreadable or not this job's: not a commit, the segment is redone
    }
    ErrorRow error = CommitFooter.error(footer, recordingId, segment);
    return new SegmentCommit(
        recordingId,
        segment,
        Integer.parseInt(footer.get(IMAGES)),
        Long.parseLong(footer.get(CommitFooter.DECODED)),
        Long.parseLong(footer.get(CommitFooter.EXPECTED)),
        error,
        split(footer.get(KEYFRAMES)),
        split(footer.get(FLOW_BREAKS)));
  }

  private static String join(List<Integer> numbers) {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static List<Integer> split(String text) {
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
  }
}
