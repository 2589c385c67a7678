package org.stylepipe.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.stylepipe.common.ParquetBytes;

/**
 * One row of the stylize job's manifest: a stylized frame, a segment video or a recording's joined
 * video. In the Parquet manifest the recording id is the partition folder ({@code
 * recording_id=<id>}), not a column of the files.
 *
 * @param kind {@link #FRAME}, {@link #SEGMENT} or {@link #VIDEO}
 * @param segment the segment (-1 for a joined video)
 * @param frameIndex the frame's index in the recording; for a video, its first frame's
 * @param frames 1 for a frame; the frames a video holds
 * @param ptsUs the frame's presentation time; for a video, its first frame's
 * @param rotation the clockwise turn in degrees that made the source's frames upright (0, 90, 180,
 *     270), as in the dataset manifest
 * @param path the written file relative to the output root, or null for a frame not written as an
 *     image
 * @param model the model's URI, as given to {@code --model}
 * @param modelSha256 the SHA-256 of the model's bytes
 * @param device the DJL device that ran the model ({@code cpu}, {@code gpu:1}); null for a joined
 *     video
 * @param gpuAddress the GPU address Spark assigned to the task, or null if none
 */
public record StylizedRow(
    String recordingId,
    String source,
    String kind,
    int segment,
    long frameIndex,
    int frames,
    long ptsUs,
    int width,
    int height,
    int rotation,
    String path,
    String model,
    String modelSha256,
    String device,
    String gpuAddress)
    implements Serializable {

  public static final String FRAME = "frame";
  public static final String SEGMENT = "segment";
  public static final String VIDEO = "video";

  /** Columns of a manifest file, in order. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named("source")
          .required(BINARY)
          .as(stringType())
          .named("kind")
          .required(INT32)
          .named("segment")
          .required(INT64)
          .named("frame_index")
          .required(INT32)
          .named("frames")
          .required(INT64)
          .named("pts_us")
          .required(INT32)
          .named("width")
          .required(INT32)
          .named("height")
          .required(INT32)
          .named("rotation")
          .optional(BINARY)
          .as(stringType())
          .named("path")
          .required(BINARY)
          .as(stringType())
          .named("model")
          .required(BINARY)
          .as(stringType())
          .named("model_sha256")
          .optional(BINARY)
          .as(stringType())
          .named("device")
          .optional(BINARY)
          .as(stringType())
          .named("gpu_address")
          .named("stylized");

  /** A manifest file of {@code rows} with {@code metadata} in its footer. */
  public static byte[] toParquet(List<StylizedRow> rows, Map<String, String> metadata)
      throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    return ParquetBytes.encode(
        SCHEMA, rows.stream().map(row -> row.toGroup(factory)).toList(), metadata);
  }

  private Group toGroup(SimpleGroupFactory factory) {
    Group group =
        factory
            .newGroup()
            .append("source", source)
            .append("kind", kind)
            .append("segment", segment)
            .append("frame_index", frameIndex)
            .append("frames", frames)
            .append("pts_us", ptsUs)
            .append("width", width)
            .append("height", height)
            .append("rotation", rotation);
    if (path != null) {
      group.append("path", path);
    }
    group.append("model", model).append("model_sha256", modelSha256);
    if (device != null) {
      group.append("device", device);
    }
    if (gpuAddress != null) {
      group.append("gpu_address", gpuAddress);
    }
    return group;
  }
}
