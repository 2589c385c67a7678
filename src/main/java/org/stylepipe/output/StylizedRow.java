package org.stylepipe.output;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the stylize job's manifest: a stylized frame, a segment video or a recording's joined
 * video.
 *
 * @param kind {@link #FRAME}, {@link #SEGMENT} or {@link #VIDEO}
 * @param segment the segment (-1 for a joined video)
 * @param frameIndex the frame's index in the recording; for a video, its first frame's
 * @param frames 1 for a frame; the frames a video holds
 * @param ptsUs the frame's presentation time; for a video, its first frame's
 * @param path the written file, or null for a frame not written as an image
 * @param model the model file
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
    String path,
    String model,
    String device,
    String gpuAddress)
    implements Serializable {

  public static final String FRAME = "frame";
  public static final String SEGMENT = "segment";
  public static final String VIDEO = "video";

  /** Column order of the Parquet manifest. */
  public static final StructType SCHEMA =
      new StructType()
          .add("recording_id", DataTypes.StringType, false)
          .add("source", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("segment", DataTypes.IntegerType, false)
          .add("frame_index", DataTypes.LongType, false)
          .add("frames", DataTypes.IntegerType, false)
          .add("pts_us", DataTypes.LongType, false)
          .add("width", DataTypes.IntegerType, false)
          .add("height", DataTypes.IntegerType, false)
          .add("path", DataTypes.StringType, true)
          .add("model", DataTypes.StringType, false)
          .add("device", DataTypes.StringType, true)
          .add("gpu_address", DataTypes.StringType, true);

  public Row toRow() {
    return RowFactory.create(
        recordingId,
        source,
        kind,
        segment,
        frameIndex,
        frames,
        ptsUs,
        width,
        height,
        path,
        model,
        device,
        gpuAddress);
  }
}
