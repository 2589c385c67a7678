package org.stylepipe.flicker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One recording's flicker, measured at {@code width}x{@code height} against its stylized video: the
 * rows of its frames in frame order, and E_warp over them all, per segment, at seams (the first
 * frame of each segment after the first, whose E_t compares frames decoded by another task's span)
 * and inside segments.
 */
public record RecordingFlicker(
    String recordingId,
    String source,
    String stylized,
    int width,
    int height,
    List<FlickerRow> rows) {

  public RecordingFlicker {
    rows = List.copyOf(rows);
  }

  public WarpStats overall() {
    return WarpStats.of(rows);
  }

  public WarpStats seams() {
    return WarpStats.of(rows(true));
  }

  public WarpStats inside() {
    return WarpStats.of(rows(false));
  }

  /** E_warp per segment, by segment index (segments that failed are missing). */
  public SortedMap<Integer, WarpStats> segments() {
    SortedMap<Integer, List<FlickerRow>> bySegment = new TreeMap<>();
    for (FlickerRow row : rows) {
      bySegment.computeIfAbsent(row.segment(), segment -> new ArrayList<>()).add(row);
    }
    SortedMap<Integer, WarpStats> stats = new TreeMap<>();
    bySegment.forEach((segment, segmentRows) -> stats.put(segment, WarpStats.of(segmentRows)));
    return Collections.unmodifiableSortedMap(stats);
  }

  /** E_t by frame, for plots. */
  public FlickerSeries series() {
    long[] frames = new long[rows.size()];
    double[] input = new double[rows.size()];
    double[] output = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      frames[i] = rows.get(i).frameIndex();
      input[i] = rows.get(i).eInput();
      output[i] = rows.get(i).eOutput();
    }
    return new FlickerSeries(recordingId, frames, input, output);
  }

  /** The rows at seams, or ({@code seams} false) the others, in frame order. */
  List<FlickerRow> rows(boolean seams) {
    List<FlickerRow> selected = new ArrayList<>();
    int segment = -1;
    for (FlickerRow row : rows) {
      boolean seam = row.segment() != segment && row.segment() > 0;
      segment = row.segment();
      if (seam == seams) {
        selected.add(row);
      }
    }
    return selected;
  }

  /**
   * A JSON-friendly view: where and at what size it was measured, and E_warp overall, at seams, per
   * segment.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("recording_id", recordingId);
    map.put("source", source);
    map.put("stylized", stylized);
    map.put("width", width);
    map.put("height", height);
    map.put("overall", overall().toMap());
    map.put("seams", seams().toMap());
    map.put("inside_segments", inside().toMap());
    List<Map<String, Object>> segments = new ArrayList<>();
    segments()
        .forEach(
            (segment, stats) -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("segment", segment);
              entry.putAll(stats.toMap());
              segments.add(entry);
            });
    map.put("segments", segments);
    return map;
  }
}
