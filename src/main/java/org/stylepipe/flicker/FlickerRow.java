package org.stylepipe.flicker;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.stylepipe.common.ParquetBytes;

/**
 * The flicker of one frame: E_t of the input judged against itself (its own floor) and of the
 * stylized frame, and the fraction of pixels the occlusion mask keeps. All three are NaN for the
 * first frame of a recording (nothing to compare with) and the errors NaN where the mask keeps no
 * pixel; in Parquet NaN is null. The recording id is the partition folder ({@code
 * recording_id=<id>}), not a column of the files.
 */
public record FlickerRow(
    String recordingId,
    int segment,
    long frameIndex,
    long ptsUs,
    double eInput,
    double eOutput,
    double maskFraction)
    implements Serializable {

  /** Columns of a flicker file, in order. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(INT32)
          .named("segment")
          .required(INT64)
          .named("frame_index")
          .required(INT64)
          .named("pts_us")
          .optional(DOUBLE)
          .named("e_input")
          .optional(DOUBLE)
          .named("e_output")
          .optional(DOUBLE)
          .named("mask_fraction")
          .named("flicker");

  /**
   * Whether the frame has an E_t (input and output are measured on the same mask, so both or
   * neither).
   */
  public boolean measured() {
    return !Double.isNaN(eInput) && !Double.isNaN(eOutput);
  }

  /** One segment's rows as a Parquet file. */
  public static byte[] toParquet(List<FlickerRow> rows) throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    return ParquetBytes.encode(SCHEMA, rows.stream().map(row -> row.toGroup(factory)).toList());
  }

  private Group toGroup(SimpleGroupFactory factory) {
    Group group =
        factory
            .newGroup()
            .append("segment", segment)
            .append("frame_index", frameIndex)
            .append("pts_us", ptsUs);
    appendUnlessNaN(group, "e_input", eInput);
    appendUnlessNaN(group, "e_output", eOutput);
    appendUnlessNaN(group, "mask_fraction", maskFraction);
    return group;
  }

  private static void appendUnlessNaN(Group group, String field, double value) {
    if (!Double.isNaN(value)) {
      group.append(field, value);
    }
  }
}
