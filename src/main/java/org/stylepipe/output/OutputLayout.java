package org.stylepipe.output;

import java.io.Serializable;

/**
 * Where a dataset job writes, under one root. Every name is a function of the recording id, the variant and the
 * frame index, so a retried task or a rerun writes the same files instead of new ones:
 *
 * <pre>
 * ROOT/frames/&lt;recording&gt;/&lt;variant&gt;/&lt;frame index, 8 digits&gt;.png|jpg
 * ROOT/manifest/recording_id=&lt;recording&gt;/segment-&lt;5 digits&gt;.parquet   one row per written image
 * ROOT/errors/errors.parquet   one row per failed input, recording or segment
 * ROOT/_stylepipe/dataset-options.txt   the options that made the dataset (a rerun must match them)
 * ROOT/_stylepipe/dataset-summary.json
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

  /** The path of an image relative to the root, as the manifest lists it (the dataset can be moved whole). */
  public static String frame(String recordingId, String variant, long frameIndex, String extension) {
    return String.format("frames/%s/%s/%08d.%s", recordingId, variant, frameIndex, extension);
  }

  /** The full URI of a path relative to the root. */
  public String resolve(String relativePath) {
    return root + "/" + relativePath;
  }

  /** The manifest folder: a Parquet dataset partitioned by {@code recording_id}. */
  public String manifest() {
    return root + "/manifest";
  }

  /** The manifest file of one segment, written by its task after the segment's images. */
  public String manifestPart(String recordingId, int segment) {
    return String.format("%s/recording_id=%s/segment-%05d.parquet", manifest(), recordingId, segment);
  }

  public String errors() {
    return root + "/errors";
  }

  public String errorsFile() {
    return errors() + "/errors.parquet";
  }

  /** The folder of all images. */
  public String frames() {
    return root + "/frames";
  }

  /** The folder of stylepipe's own bookkeeping (options, summary). */
  public String meta() {
    return root + "/_stylepipe";
  }

  public String options() {
    return meta() + "/dataset-options.txt";
  }

  public String summary() {
    return meta() + "/dataset-summary.json";
  }

  public String successMarker() {
    return root + "/_SUCCESS";
  }
}
