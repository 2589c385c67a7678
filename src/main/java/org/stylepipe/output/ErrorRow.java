package org.stylepipe.output;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One problem with an input: which input or recording (null id for an input that matched nothing), the stage that
 * found it (input, probe, decode), the segment (-1 for the whole recording) and the reason in words.
 */
public record ErrorRow(String source, String recordingId, String stage, int segment, String reason)
    implements Serializable {

  public static final StructType SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("recording_id", DataTypes.StringType, true)
          .add("stage", DataTypes.StringType, false)
          .add("segment", DataTypes.IntegerType, false)
          .add("reason", DataTypes.StringType, false);

  /** An input path that yielded no recording. */
  public static ErrorRow input(String input, String reason) {
    return new ErrorRow(input, null, "input", -1, reason);
  }

  public Row toRow() {
    return RowFactory.create(source, recordingId, stage, segment, reason);
  }

  @Override
  public String toString() {
    return stage + " " + source + (segment >= 0 ? " segment " + segment : "") + ": " + reason;
  }
}
