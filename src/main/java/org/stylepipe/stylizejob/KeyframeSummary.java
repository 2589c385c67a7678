package org.stylepipe.stylizejob;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.stylize.ModelFile;

/**
 * The result of a keyframes job.
 *
 * @param model the model's URI, size and SHA-256
 * @param engine the engine that ran it, with its version
 * @param kept keyframes that already had an output and were kept (without {@code --overwrite true})
 * @param keyframesByDevice keyframes stylized per DJL device ({@code cpu}, {@code gpu:0}, ...)
 */
public record KeyframeSummary(
    String dataset,
    ModelFile model,
    String engine,
    String guide,
    int recordings,
    int keyframes,
    int stylized,
    int kept,
    List<ErrorRow> errors,
    Map<String, Integer> keyframesByDevice,
    double wallSeconds) {

  public KeyframeSummary {
    errors = List.copyOf(errors);
    keyframesByDevice = new TreeMap<>(keyframesByDevice);
  }

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("dataset", dataset);
    Map<String, Object> modelMap = new LinkedHashMap<>();
    modelMap.put("uri", model.uri());
    modelMap.put("sha256", model.sha256());
    modelMap.put("bytes", model.bytes());
    modelMap.put("engine", engine);
    map.put("model", modelMap);
    map.put("guide", guide);
    map.put("recordings", recordings);
    map.put("keyframes", keyframes);
    map.put("stylized", stylized);
    map.put("kept", kept);
    map.put("keyframes_by_device", keyframesByDevice);
    map.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
    map.put("errors", errors.stream().map(ErrorRow::toMap).toList());
    return map;
  }

  /** The summary as the console shows it. */
  public String toText() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "stylepipe stylize-keyframes: %d recordings, %d keyframes (%d stylized, %d kept), %d errors, %.1f s%n",
                recordings, keyframes, stylized, kept, errors.size(), wallSeconds));
    text.append(
        String.format("  model %s (SHA-256 %s) on %s%n", model.uri(), model.sha256(), engine));
    for (ErrorRow error : errors) {
      text.append("  error: ").append(error).append(System.lineSeparator());
    }
    return text.append("  dataset: ").append(dataset).toString();
  }
}
