package org.stylepipe.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.stylepipe.common.ParquetBytes;

/**
 * One written image: where it came from, which frame and variant it is, its size, the clockwise
 * turn in degrees that made the decoded picture upright (the recording's display matrix, as ffmpeg
 * applies it), where it is and its checksum, and in a few-shot dataset its {@link GuideColumns}
 * (null otherwise: those columns are then null). In the Parquet manifest the recording id is the
 * partition folder ({@code recording_id=<id>}), not a column of the files.
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
    int rotation,
    String path,
    long bytes,
    String sha256,
    GuideColumns guides)
    implements Serializable {

  public static final String ORIGINAL = "original";
  public static final String MIRRORED = "mirrored";

  /** Columns of a manifest file, in order. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named("source")
          .required(INT32)
          .named("segment")
          .required(INT64)
          .named("frame_index")
          .required(INT64)
          .named("pts_us")
          .required(BINARY)
          .as(stringType())
          .named("variant")
          .required(INT32)
          .named("width")
          .required(INT32)
          .named("height")
          .required(INT32)
          .named("rotation")
          .required(BINARY)
          .as(stringType())
          .named("path")
          .required(INT64)
          .named("bytes")
          .required(BINARY)
          .as(stringType())
          .named("sha256")
          .optional(BINARY)
          .as(stringType())
          .named("sequence")
          .optional(INT32)
          .named("sequence_length")
          .optional(INT32)
          .named("number")
          .optional(BOOLEAN)
          .named("keyframe")
          .optional(BINARY)
          .as(stringType())
          .named("mask_path")
          .optional(BINARY)
          .as(stringType())
          .named("flow_fwd_path")
          .optional(BINARY)
          .as(stringType())
          .named("flow_bwd_path")
          .optionalMap()
          .key(BINARY)
          .as(stringType())
          .requiredValue(BINARY)
          .as(stringType())
          .named("noise_paths")
          .named("manifest");

  /** This row with other guide columns. */
  public ManifestRow withGuides(GuideColumns columns) {
    return new ManifestRow(
        recordingId,
        source,
        segment,
        frameIndex,
        ptsUs,
        variant,
        width,
        height,
        rotation,
        path,
        bytes,
        sha256,
        columns);
  }

  public Group toGroup(SimpleGroupFactory factory) {
    Group group =
        factory
            .newGroup()
            .append("source", source)
            .append("segment", segment)
            .append("frame_index", frameIndex)
            .append("pts_us", ptsUs)
            .append("variant", variant)
            .append("width", width)
            .append("height", height)
            .append("rotation", rotation)
            .append("path", path)
            .append("bytes", bytes)
            .append("sha256", sha256);
    if (guides != null) {
      group
          .append("sequence", guides.sequence())
          .append("sequence_length", guides.sequenceLength())
          .append("number", guides.number())
          .append("keyframe", guides.keyframe())
          .append("mask_path", guides.maskPath());
      appendIfPresent(group, "flow_fwd_path", guides.flowForwardPath());
      appendIfPresent(group, "flow_bwd_path", guides.flowBackwardPath());
      Group noise = group.addGroup("noise_paths");
      guides
          .noisePaths()
          .forEach(
              (name, path) ->
                  noise.addGroup("key_value").append("key", name).append("value", path));
    }
    return group;
  }

  /** The row of {@code recordingId} that {@link #toGroup} wrote. */
  public static ManifestRow fromGroup(String recordingId, Group group) {
    GuideColumns guides = null;
    if (group.getFieldRepetitionCount("sequence") > 0) {
      Map<String, String> noise = new LinkedHashMap<>();
      if (group.getFieldRepetitionCount("noise_paths") > 0) {
        Group map = group.getGroup("noise_paths", 0);
        for (int i = 0; i < map.getFieldRepetitionCount("key_value"); i++) {
          Group entry = map.getGroup("key_value", i);
          noise.put(entry.getString("key", 0), entry.getString("value", 0));
        }
      }
      guides =
          new GuideColumns(
              group.getString("sequence", 0),
              group.getInteger("sequence_length", 0),
              group.getInteger("number", 0),
              group.getBoolean("keyframe", 0),
              group.getString("mask_path", 0),
              optionalString(group, "flow_fwd_path"),
              optionalString(group, "flow_bwd_path"),
              noise);
    }
    return new ManifestRow(
        recordingId,
        group.getString("source", 0),
        group.getInteger("segment", 0),
        group.getLong("frame_index", 0),
        group.getLong("pts_us", 0),
        group.getString("variant", 0),
        group.getInteger("width", 0),
        group.getInteger("height", 0),
        group.getInteger("rotation", 0),
        group.getString("path", 0),
        group.getLong("bytes", 0),
        group.getString("sha256", 0),
        guides);
  }

  /** A manifest file of {@code rows}, with {@code metadata} (a segment's commit) in its footer. */
  public static byte[] toParquet(List<ManifestRow> rows, Map<String, String> metadata)
      throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    return ParquetBytes.encode(
        SCHEMA, rows.stream().map(row -> row.toGroup(factory)).toList(), metadata);
  }

  /** The rows of a manifest file of {@code recordingId}. */
  public static List<ManifestRow> readAll(String uri, String recordingId, Configuration conf)
      throws IOException {
    List<ManifestRow> rows = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new Path(uri)).withConf(conf).build()) {
      Group group;
      while ((group = reader.read()) != null) {
        rows.add(fromGroup(recordingId, group));
      }
    }
    return rows;
  }

  private static void appendIfPresent(Group group, String field, String value) {
    if (value != null) {
      group.append(field, value);
    }
  }

  private static String optionalString(Group group, String field) {
    return group.getFieldRepetitionCount(field) > 0 ? group.getString(field, 0) : null;
  }
}
