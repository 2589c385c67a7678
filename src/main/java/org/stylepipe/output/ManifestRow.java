package org.stylepipe.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.io.Serializable;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * One written image: where it came from, which frame and variant it is, where it is and its checksum. In the
 * Parquet manifest the recording id is the partition folder ({@code recording_id=<id>}), not a column of the files.
 */
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

  /** Columns of a manifest file, in order. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY).as(stringType()).named("source")
          .required(INT32).named("segment")
          .required(INT64).named("frame_index")
          .required(INT64).named("pts_us")
          .required(BINARY).as(stringType()).named("variant")
          .required(INT32).named("width")
          .required(INT32).named("height")
          .required(BINARY).as(stringType()).named("path")
          .required(INT64).named("bytes")
          .required(BINARY).as(stringType()).named("sha256")
          .named("manifest");

  public Group toGroup(SimpleGroupFactory factory) {
    return factory
        .newGroup()
        .append("source", source)
        .append("segment", segment)
        .append("frame_index", frameIndex)
        .append("pts_us", ptsUs)
        .append("variant", variant)
        .append("width", width)
        .append("height", height)
        .append("path", path)
        .append("bytes", bytes)
        .append("sha256", sha256);
  }
}
