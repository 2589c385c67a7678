package org.stylepipe.output;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One written image: where it came from, which frame and variant it is, where it is and its checksum. */
public final class ManifestRow implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ORIGINAL = "original";
  public static final String MIRRORED = "mirrored";

  /** Column order of the Parquet manifest. */
  public static final StructType SCHEMA =
      new StructType()
          .add("recording_id", DataTypes.StringType, false)
          .add("source", DataTypes.StringType, false)
          .add("segment", DataTypes.IntegerType, false)
          .add("frame_index", DataTypes.LongType, false)
          .add("pts_us", DataTypes.LongType, false)
          .add("variant", DataTypes.StringType, false)
          .add("width", DataTypes.IntegerType, false)
          .add("height", DataTypes.IntegerType, false)
          .add("path", DataTypes.StringType, false)
          .add("bytes", DataTypes.LongType, false)
          .add("sha256", DataTypes.StringType, false);

  private final String recordingId;
  private final String source;
  private final int segment;
  private final long frameIndex;
  private final long ptsUs;
  private final String variant;
  private final int width;
  private final int height;
  private final String path;
  private final long bytes;
  private final String sha256;

  public ManifestRow(
      String recordingId,
      String source,
      int segment,
      long frameIndex,
      long ptsUs,
      String variant,
      int width,
      int height,
      String path,
      long bytes,
      String sha256) {
    this.recordingId = recordingId;
    this.source = source;
    this.segment = segment;
    this.frameIndex = frameIndex;
    this.ptsUs = ptsUs;
    this.variant = variant;
    this.width = width;
    this.height = height;
    this.path = path;
    this.bytes = bytes;
    this.sha256 = sha256;
  }

  public Row toRow() {
    return RowFactory.create(
        recordingId, source, segment, frameIndex, ptsUs, variant, width, height, path, bytes, sha256);
  }

  public String recordingId() {
    return recordingId;
  }

  public long frameIndex() {
    return frameIndex;
  }

  public long ptsUs() {
    return ptsUs;
  }

  public String variant() {
    return variant;
  }

  public String path() {
    return path;
  }

  public String sha256() {
    return sha256;
  }
}
