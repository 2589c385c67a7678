package org.stylepipe.output;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One written image: where it came from, which frame and variant it is, where it is and its checksum. */
public record ManifestRow(
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
    String sha256)
    implements Serializable {

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

  public Row toRow() {
    return RowFactory.create(
        recordingId, source, segment, frameIndex, ptsUs, variant, width, height, path, bytes, sha256);
  }
}
