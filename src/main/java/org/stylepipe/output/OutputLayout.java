package org.stylepipe.output;

import java.io.Serializable;

/**
 * Where the jobs write, under one root. Every name is a function of the recording id, the variant, the segment
 * and the frame index, so a retried task or a rerun writes the same files instead of new ones:
 *
 * <pre>
 * ROOT/frames/&lt;recording&gt;/&lt;variant&gt;/&lt;frame index, 8 digits&gt;.png|jpg          dataset
 * ROOT/stylized/&lt;recording&gt;.mp4                                             stylize
 * ROOT/stylized/&lt;recording&gt;/segments/&lt;segment, 5 digits&gt;.mp4
 * ROOT/stylized/&lt;recording&gt;/frames/&lt;frame index, 8 digits&gt;.png
 * ROOT/manifest/       Parquet, one row per written item, partitioned by recording_id
 * ROOT/errors/         Parquet, one row per failed input, recording or segment
 * ROOT/_stylepipe/&lt;job&gt;-summary.json
 * ROOT/_SUCCESS        written last
 * </pre>
 */
public final class OutputLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String root;

  /** {@code root} is a fully qualified URI (file:/…, s3a://bucket/…) without a trailing slash. */
  public OutputLayout(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  public String frame(String recordingId, String variant, long frameIndex, String extension) {
    return String.format("%s/frames/%s/%s/%08d.%s", root, recordingId, variant, frameIndex, extension);
  }

  public String stylizedVideo(String recordingId) {
    return String.format("%s/stylized/%s.mp4", root, recordingId);
  }

  public String stylizedSegment(String recordingId, int segment) {
    return String.format("%s/stylized/%s/segments/%05d.mp4", root, recordingId, segment);
  }

  public String stylizedFrame(String recordingId, long frameIndex) {
    return String.format("%s/stylized/%s/frames/%08d.png", root, recordingId, frameIndex);
  }

  public String manifest() {
    return root + "/manifest";
  }

  public String errors() {
    return root + "/errors";
  }

  public String summary() {
    return root + "/_stylepipe/dataset-summary.json";
  }

  public String stylizeSummary() {
    return root + "/_stylepipe/stylize-summary.json";
  }

  public String successMarker() {
    return root + "/_SUCCESS";
  }
}
