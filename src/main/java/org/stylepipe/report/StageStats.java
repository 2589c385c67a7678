package org.stylepipe.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage of a job as the driver saw it: its wall time, the frames it handled and its counts by
 * name.
 *
 * @param frames frames the stage handled (probe: frames listed by the containers; extract, stylize:
 *     frames decoded or stylized; join: frames joined)
 * @param counts what the stage did, by name, in name order
 */
public record StageStats(String name, double seconds, long frames, Map<String, Long> counts) {

  public StageStats {
    counts = new TreeMap<>(counts);
  }

  public double framesPerSecond() {
    return seconds > 0 ? frames / seconds : 0;
  }

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("seconds", Format.round(seconds, 3));
    map.put("frames", frames);
    map.put("frames_per_second", Format.round(framesPerSecond(), 1));
    map.put("counts", counts);
    return map;
  }
}
