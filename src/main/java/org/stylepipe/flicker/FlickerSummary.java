package org.stylepipe.flicker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stylepipe.common.ErrorRow;

/**
 * What a flicker measurement found, as {@code _stylepipe/flicker-summary.json} holds it and the
 * console shows it.
 *
 * @param recordings recordings found by the inputs, including those that could not be opened
 * @param errors the stage's errors and those found before it (inputs, probes)
 */
public record FlickerSummary(
    String output,
    int recordings,
    FlickerResult result,
    List<ErrorRow> errors,
    double wallSeconds) {

  public FlickerSummary {
    errors = List.copyOf(errors);
  }

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("output", output);
    map.put("recordings", recordings);
    map.put("recordings_with_errors", ErrorRow.recordingsConcerned(errors));
    map.putAll(result.toMap());
    map.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
    map.put("errors", errors.stream().map(ErrorRow::toMap).toList());
    return map;
  }

  /** The summary as the console shows it. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "stylepipe flicker: %d recordings (%d with errors), %d measured, %d errors,"
                + " %.1f s%n",
            recordings,
            ErrorRow.recordingsConcerned(errors),
            result.recordings().size(),
            errors.size(),
            wallSeconds));
    text.append("  all frames: ").append(result.overall()).append(System.lineSeparator());
    text.append("  at seams: ").append(result.seams()).append(System.lineSeparator());
    text.append("  inside segments: ").append(result.inside()).append(System.lineSeparator());
    for (RecordingFlicker recording : result.recordings()) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %s at %dx%d: %s%n",
              recording.recordingId(),
              recording.width(),
              recording.height(),
              recording.overall()));
    }
    for (ErrorRow error : errors) {
      text.append("  error: ").append(error).append(System.lineSeparator());
    }
    text.append("  output: ").append(output);
    return text.toString();
  }
}
