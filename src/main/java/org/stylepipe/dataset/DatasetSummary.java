package org.stylepipe.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.ingest.RecordingPlan;

/**
 * The result of a dataset job.
 *
 * @param recordings recordings found by the inputs, including those that could not be opened
 * @param segmentsProcessed segments this run processed; the others were committed by an earlier run
 *     and resumed
 * @param plans what probing found in each recording that could be opened
 * @param stageSeconds wall time of each stage that ran, in order ({@code extract}; or the few-shot
 *     passes {@code frames, masks, flows}, {@code noise point tracks}, {@code noise guides}, {@code
 *     painted keyframes})
 */
public record DatasetSummary(
    String output,
    int recordings,
    int recordingsWithErrors,
    int segments,
    int segmentsProcessed,
    long framesDecoded,
    long imagesWritten,
    List<ErrorRow> errors,
    List<RecordingPlan> plans,
    Map<String, Double> stageSeconds,
    double wallSeconds) {

  public DatasetSummary {
    errors = List.copyOf(errors);
    plans = List.copyOf(plans);
    stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
  }

  /** Decoded frames per second of wall time, over the whole job. */
  public double framesPerSecond() {
    return wallSeconds > 0 ? framesDecoded / wallSeconds : 0;
  }

  /** The job's counts, as the summary and the job report show them. */
  public Map<String, Object> totals() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("recordings", recordings);
    map.put("recordings_with_errors", recordingsWithErrors);
    map.put("segments", segments);
    map.put("segments_processed", segmentsProcessed);
    map.put("frames_decoded", framesDecoded);
    map.put("images_written", imagesWritten);
    return map;
  }

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("output", output);
    map.putAll(totals());
    map.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
    map.put("frames_per_second", Math.round(framesPerSecond() * 10) / 10.0);
    Map<String, Double> stages = new LinkedHashMap<>();
    stageSeconds.forEach(
        (stage, seconds) -> stages.put(stage, Math.round(seconds * 1000) / 1000.0));
    map.put("stage_seconds", stages);
    map.put("errors", errors.stream().map(ErrorRow::toMap).toList());
    List<Map<String, Object>> recordingList = new ArrayList<>();
    for (RecordingPlan plan : plans) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("recording_id", plan.recording().id());
      r.put("source", plan.recording().uri());
      r.put("container", plan.format());
      r.put("video_codec", plan.videoCodec());
      r.put("video_stream", plan.videoStream());
      r.put("video_streams", plan.videoStreams());
      r.put("rotation", plan.orientation().rotation());
      r.put("width", plan.width());
      r.put("height", plan.height());
      r.put("frame_rate", Math.round(plan.frameRate() * 1000) / 1000.0);
      r.put("duration_seconds", plan.durationUs() / 1e6);
      r.put("frames", plan.frameCount());
      r.put("has_audio", plan.hasAudio());
      r.put("segments", plan.segments().size());
      recordingList.add(r);
    }
    map.put("recordings_probed", recordingList);
    return map;
  }

  /** The summary as the console shows it. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "stylepipe dataset: %d recordings (%d with errors), %d segments (%d processed, %d resumed), %d frames"
                + " decoded, %d images written, %d errors, %.1f s, %.1f frames/s%n",
            recordings,
            recordingsWithErrors,
            segments,
            segmentsProcessed,
            segments - segmentsProcessed,
            framesDecoded,
            imagesWritten,
            errors.size(),
            wallSeconds,
            framesPerSecond()));
    for (ErrorRow error : errors) {
      text.append("  error: ").append(error).append(System.lineSeparator());
    }
    text.append("  output: ").append(output);
    return text.toString();
  }
}
