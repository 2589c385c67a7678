package org.stylepipe.output;

import java.io.Serializable;
import java.util.List;

/**
 * Where the jobs write, under one root. Every name is a function of the recording id, the variant,
 * the segment and the frame index, so a retried task or a rerun writes the same files instead of
 * new ones:
 *
 * <pre>
 * ROOT/frames/&lt;recording&gt;/&lt;variant&gt;/&lt;frame index, 8 digits&gt;.png|jpg          dataset
 * ROOT/fewshot/&lt;sequence&gt;_train/…, &lt;sequence&gt;_gen/…                       dataset, --layout fewshot
 * ROOT/stylized/&lt;recording&gt;.mp4                                             stylize
 * ROOT/stylized/&lt;recording&gt;/segments/&lt;segment, 5 digits&gt;.mp4
 * ROOT/stylized/&lt;recording&gt;/frames/&lt;frame index, 8 digits&gt;.png
 * ROOT/manifest/recording_id=&lt;recording&gt;/segment-&lt;5 digits&gt;.parquet   dataset: one row per image;
 *                      stylize: one row per stylized frame and one for the segment video
 * ROOT/manifest/recording_id=&lt;recording&gt;/video.parquet   stylize: the joined video's row
 * ROOT/errors/         Parquet, one row per failed input, recording or segment
 * ROOT/flicker/recording_id=&lt;recording&gt;/segment-&lt;5 digits&gt;.parquet    flicker: one row per frame
 * ROOT/student.npz, ROOT/student.onnx                                       train: the student
 * ROOT/teacher/&lt;the dataset image's path&gt;                                 train: its target
 * ROOT/_stylepipe/output.json   the marker, written first: the kind of job and the options that made it
 * ROOT/_stylepipe/lease-&lt;generation, 8 digits&gt;.json   the run writing the output, its heartbeat
 * ROOT/_stylepipe/&lt;job&gt;-summary.json
 * ROOT/report.json     the job report: inputs, options, stages, executors, errors, sampled frames
 * ROOT/report.html     the same, self-contained, with pictures and plots
 * ROOT/_SUCCESS        written last
 * </pre>
 */
public final class OutputLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String root;

  /** {@code root} is a fully qualified URI (file:/…, s3a://bucket/…) without a trailing slash. */
  public OutputLayout(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  /**
   * The path of an image relative to the root, as the manifest lists it (the dataset can be moved
   * whole).
   */
  public static String frame(
      String recordingId, String variant, long frameIndex, String extension) {
    return String.format("frames/%s/%s/%08d.%s", recordingId, variant, frameIndex, extension);
  }

  /** The full URI of a path relative to the root. */
  public String resolve(String relativePath) {
    return root + "/" + relativePath;
  }

  /** The stylize job's folder of videos and frames. */
  public String stylized() {
    return root + "/stylized";
  }

  /** The full URI of a recording's stylized video. */
  public String stylizedVideo(String recordingId) {
    return resolve(stylizedVideoPath(recordingId));
  }

  /** The path of a recording's stylized video relative to the root, as the manifest lists it. */
  public static String stylizedVideoPath(String recordingId) {
    return String.format("stylized/%s.mp4", recordingId);
  }

  /** The path of a segment video relative to the root, as the manifest lists it. */
  public static String stylizedSegmentPath(String recordingId, int segment) {
    return String.format("stylized/%s/segments/%05d.mp4", recordingId, segment);
  }

  /** The path of a stylized frame relative to the root, as the manifest lists it. */
  public static String stylizedFramePath(String recordingId, long frameIndex) {
    return String.format("stylized/%s/frames/%08d.png", recordingId, frameIndex);
  }

  /** The stylize job's manifest file of a recording's joined video, written by its join task. */
  public String manifestVideo(String recordingId) {
    return String.format("%s/recording_id=%s/video.parquet", manifest(), recordingId);
  }

  /** The manifest folder: a Parquet dataset partitioned by {@code recording_id}. */
  public String manifest() {
    return root + "/manifest";
  }

  /** The manifest file of one segment, written by its task after the segment's images. */
  public String manifestPart(String recordingId, int segment) {
    return String.format(
        "%s/recording_id=%s/segment-%05d.parquet", manifest(), recordingId, segment);
  }

  public String errors() {
    return root + "/errors";
  }

  public String errorsFile() {
    return errors() + "/errors.parquet";
  }

  /** The folder of all images. */
  public String frames() {
    return root + "/frames";
  }

  /** The folder of the few-shot sequences, relative to the root ({@code FewShotLayout}'s root). */
  public static String fewShot() {
    return "fewshot";
  }

  /**
   * The few-shot work files: per-segment results of the first pass and the point tracks of the
   * keys.
   */
  public String fewShotWork() {
    return meta() + "/fewshot";
  }

  /** The first pass's manifest file of a segment (its rows without noise guides), its commit. */
  public String fewShotStaging() {
    return fewShotWork() + "/staging";
  }

  public String fewShotStagingPart(String recordingId, int segment) {
    return String.format(
        "%s/recording_id=%s/segment-%05d.parquet", fewShotStaging(), recordingId, segment);
  }

  /**
   * A flow file of a recording's original sequence kept only while the job runs ({@code
   * --flow-files false}).
   */
  public String workFlow(String recordingId, String folder, String name) {
    return String.format("%s/flow/%s/%s/%s", fewShotWork(), recordingId, folder, name);
  }

  /**
   * The point tracks of one key of a recording's original sequence, for noise points of {@code
   * radius}.
   */
  public String tracks(String recordingId, String radius, int key) {
    return String.format("%s/tracks/%s/r%s/%08d.tracks", fewShotWork(), recordingId, radius, key);
  }

  /** The folder of stylepipe's own bookkeeping (options, summary). */
  public String meta() {
    return root + "/_stylepipe";
  }

  /** The marker: the kind of job that owns the output and its options ({@link OutputMarker}). */
  public String marker() {
    return meta() + "/output.json";
  }

  /**
   * Every file and folder at the root that some job writes, but {@code _stylepipe/} (where the
   * leases live): what {@code --overwrite true} removes.
   */
  public List<String> jobEntries() {
    return List.of(
        manifest(),
        errors(),
        frames(),
        resolve(fewShot()),
        stylized(),
        flicker(),
        student(),
        studentOnnx(),
        teacher(),
        reportJson(),
        reportHtml(),
        successMarker());
  }

  public String summary() {
    return meta() + "/dataset-summary.json";
  }

  public String stylizeSummary() {
    return root + "/_stylepipe/stylize-summary.json";
  }

  public String reportJson() {
    return root + "/report.json";
  }

  public String reportHtml() {
    return root + "/report.html";
  }

  /**
   * The flicker folder: a Parquet dataset partitioned by {@code recording_id}, one file per
   * segment.
   */
  public String flicker() {
    return root + "/flicker";
  }

  /** The flicker rows of one segment, written by its task. */
  public String flickerPart(String recordingId, int segment) {
    return String.format(
        "%s/recording_id=%s/segment-%05d.parquet", flicker(), recordingId, segment);
  }

  public String flickerSummary() {
    return meta() + "/flicker-summary.json";
  }

  /** The train job's student, TransformerNet weights as {@code .npz}. */
  public String student() {
    return root + "/student.npz";
  }

  /** The train job's student exported to ONNX. */
  public String studentOnnx() {
    return root + "/student.onnx";
  }

  /** The train job's folder of teacher outputs, laid out as the dataset's images. */
  public String teacher() {
    return root + "/teacher";
  }

  /** The teacher's output for the dataset image at {@code imagePath} (relative to the dataset). */
  public String teacherTarget(String imagePath) {
    return teacher() + "/" + imagePath;
  }

  /** The train job's checkpoint, resumed by a rerun. */
  public String trainCheckpoint() {
    return meta() + "/train-checkpoint.npz";
  }

  public String trainSummary() {
    return meta() + "/train-summary.json";
  }

  public String successMarker() {
    return root + "/_SUCCESS";
  }
}
