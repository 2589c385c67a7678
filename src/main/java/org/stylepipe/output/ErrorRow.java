package org.stylepipe.output;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One problem with an input: which input or recording, the stage that found it (input, probe, decode, write),
 * the segment (-1 for the whole recording) and the reason in words.
 */
public final class ErrorRow implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("recording_id", DataTypes.StringType, true)
          .add("stage", DataTypes.StringType, false)
          .add("segment", DataTypes.IntegerType, false)
          .add("reason", DataTypes.StringType, false);

  private final String source;
  private final String recordingId;
  private final String stage;
  private final int segment;
  private final String reason;

  public ErrorRow(String source, String recordingId, String stage, int segment, String reason) {
    this.source = source;
    this.recordingId = recordingId;
    this.stage = stage;
    this.segment = segment;
    this.reason = reason;
  }

  /** An input path that yielded no recording. */
  public static ErrorRow input(String input, String reason) {
    return new ErrorRow(input, null, "input", -1, reason);
  }

  public Row toRow() {
    return RowFactory.create(source, recordingId, stage, segment, reason);
  }

  public String source() {
    return source;
  }

  public String recordingId() {
    return recordingId;
  }

  public String stage() {
    return stage;
  }

  public int segment() {
    return segment;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return stage + " " + source + (segment >= 0 ? " segment " + segment : "") + ": " + reason;
  }
}
