package org.stylepipe.flicker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylepipe.common.ErrorRow;

/**
 * The result of the flicker stage: each measured recording (in input order) and the errors of those
 * that could not be measured, or only in part. E_warp over all recordings pools their frames.
 */
public record FlickerResult(List<RecordingFlicker> recordings, List<ErrorRow> errors) {
  public FlickerResult {
    recordings = List.copyOf(recordings);
    errors = List.copyOf(errors);
  }

  public WarpStats overall() {
    List<FlickerRow> rows = new ArrayList<>();
    recordings.forEach(recording -> rows.addAll(recording.rows()));
    return WarpStats.of(rows);
  }

  public WarpStats seams() {
    return pooled(true);
  }

  public WarpStats inside() {
    return pooled(false);
  }

  /** The per-frame series of every measured recording, in input order. */
  public List<FlickerSeries> series() {
    return recordings.stream().map(RecordingFlicker::series).toList();
  }

  private WarpStats pooled(boolean seams) {
    List<FlickerRow> rows = new ArrayList<>();
    recordings.forEach(recording -> rows.addAll(recording.rows(seams)));
    return WarpStats.of(rows);
  }

  /**
   * A JSON-friendly view of E_warp, pooled and per recording, in a stable key order (errors aside).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("overall", overall().toMap());
    map.put("seams", seams().toMap());
    map.put("inside_segments", inside().toMap());
    map.put("measured", recordings.stream().map(RecordingFlicker::toMap).toList());
    return map;
  }
}
