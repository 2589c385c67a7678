package org.stylepipe.common;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * One problem with an input: which input or recording (null id for an input that matched nothing),
 * the stage that found it (input, probe, decode, write), the segment (-1 for the whole recording)
 * and the reason in words.
 */
public record ErrorRow(String source, String recordingId, String stage, int segment, String reason)
    implements Serializable {

  /** Columns of the errors file, in order. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named("source")
          .optional(BINARY)
          .as(stringType())
          .named("recording_id")
          .required(BINARY)
          .as(stringType())
          .named("stage")
          .required(INT32)
          .named("segment")
          .required(BINARY)
          .as(stringType())
          .named("reason")
          .named("errors");

  /** An input path that yielded no recording. */
  public static ErrorRow input(String input, String reason) {
    return new ErrorRow(input, null, "input", -1, reason);
  }

  /** A JSON-friendly view, in column order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("source", source);
    map.put("recording_id", recordingId);
    map.put("stage", stage);
    map.put("segment", segment);
    map.put("reason", reason);
    return map;
  }

  /**
   * Number of distinct recordings the errors concern (inputs that matched nothing are not
   * recordings).
   */
  public static int recordingsConcerned(List<ErrorRow> errors) {
    return (int)
        errors.stream().map(ErrorRow::recordingId).filter(Objects::nonNull).distinct().count();
  }

  /** The errors table: one Parquet file (empty when there is no error). */
  public static byte[] toParquet(List<ErrorRow> errors) throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    return ParquetBytes.encode(SCHEMA, errors.stream().map(e -> e.toGroup(factory)).toList());
  }

  Group toGroup(SimpleGroupFactory factory) {
    Group group = factory.newGroup().append("source", source);
    if (recordingId != null) {
      group.append("recording_id", recordingId);
    }
    return group.append("stage", stage).append("segment", segment).append("reason", reason);
  }

  @Override
  public String toString() {
    return stage + " " + source + (segment >= 0 ? " segment " + segment : "") + ": " + reason;
  }
}
