package org.stylepipe.stylizejob;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.flicker.WarpStats;
import org.stylepipe.stylize.ModelFile;

/**
 * The result of a stylize job.
 *
 * @param model the model's URI, size and SHA-256
 * @param engine the engine that ran it, with its version
 * @param recordings recordings found by the inputs, including those that could not be opened
 * @param segments segments planned
 * @param segmentsProcessed segments stylized by this run; the others were committed by an earlier
 *     run of the same command and kept
 * @param framesDecoded frames decoded over every committed segment
 * @param framesStylized frames stylized over every committed segment
 * @param framesByDevice stylized frames per DJL device ({@code cpu}, {@code gpu:0}, ...)
 * @param flicker E_warp of input and output over the joined videos, or null if not measured
 * @param stylizeSeconds wall time of the stage that runs the segment tasks
 * @param taskSeconds time in segment tasks of this run, summed over tasks; the next four are its
 *     parts (decoding runs on a thread of its own beside them, so {@code decodeSeconds} overlaps
 *     the others)
 * @param waitSeconds time task threads waited for decoded frames: decoding not hidden behind
 *     inference
 */
public record StylizeSummary(
    String output,
    ModelFile model,
    String engine,
    int recordings,
    int recordingsWithErrors,
    int segments,
    int segmentsProcessed,
    long framesDecoded,
    long framesStylized,
    int videos,
    List<ErrorRow> errors,
    Map<String, Long> framesByDevice,
    WarpStats flicker,
    double wallSeconds,
    double stylizeSeconds,
    double taskSeconds,
    double decodeSeconds,
    double waitSeconds,
    double inferSeconds,
    double writeSeconds) {

  public StylizeSummary {
    errors = List.copyOf(errors);
    framesByDevice = new TreeMap<>(framesByDevice);
  }

  /** Segments committed by an earlier run of the same command and kept. */
  public int segmentsResumed() {
    return segments - segmentsProcessed;
  }

  /** Stylized frames per second of wall time, over the whole job. */
  public double framesPerSecond() {
    return wallSeconds > 0 ? framesStylized / wallSeconds : 0;
  }

  /** The job's counts, as the summary and the job report show them. */
  public Map<String, Object> totals() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("recordings", recordings);
    map.put("recordings_with_errors", recordingsWithErrors);
    map.put("segments", segments);
    map.put("segments_processed", segmentsProcessed);
    map.put("segments_resumed", segmentsResumed());
    map.put("frames_decoded", framesDecoded);
    map.put("frames_stylized", framesStylized);
    map.put("videos", videos);
    return map;
  }

  /** The model as the summary and the job report name it. */
  public Map<String, Object> modelMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("uri", model.uri());
    map.put("sha256", model.sha256());
    map.put("bytes", model.bytes());
    map.put("engine", engine);
    return map;
  }

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("output", output);
    map.put("model", modelMap());
    map.putAll(totals());
    map.put("frames_by_device", framesByDevice);
    map.put("wall_seconds", round(wallSeconds));
    map.put("frames_per_second", round(framesPerSecond()));
    map.put("stylize_stage_seconds", round(stylizeSeconds));
    map.put("task_seconds", round(taskSeconds));
    map.put("decode_seconds", round(decodeSeconds));
    map.put("wait_for_frames_seconds", round(waitSeconds));
    map.put("inference_seconds", round(inferSeconds));
    map.put("write_seconds", round(writeSeconds));
    map.put("flicker", flicker == null ? null : flicker.toMap());
    map.put("errors", errors.stream().map(ErrorRow::toMap).toList());
    return map;
  }

  /** The summary as the console shows it. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "stylepipe stylize: %d recordings (%d with errors), %d segments (%d stylized now, %d resumed), %d frames"
                + " stylized of %d decoded on %s, %d videos, %d errors, %.1f s, %.2f frames/s%n",
            recordings,
            recordingsWithErrors,
            segments,
            segmentsProcessed,
            segmentsResumed(),
            framesStylized,
            framesDecoded,
            framesByDevice,
            videos,
            errors.size(),
            wallSeconds,
            framesPerSecond()));
    text.append(
        String.format("  model %s (SHA-256 %s) on %s%n", model.uri(), model.sha256(), engine));
    text.append(
        String.format(
            "  tasks %.1f s: inference %.1f s, writing %.1f s, waiting for decoded frames %.1f s (decoding took %.1f s on"
                + " its own thread)%n",
            taskSeconds, inferSeconds, writeSeconds, waitSeconds, decodeSeconds));
    if (flicker != null) {
      text.append("  flicker: ").append(flicker).append(System.lineSeparator());
    }
    for (ErrorRow error : errors) {
      text.append("  error: ").append(error).append(System.lineSeparator());
    }
    text.append("  output: ").append(output);
    return text.toString();
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
