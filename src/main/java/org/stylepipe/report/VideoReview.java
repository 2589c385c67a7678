package org.stylepipe.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylepipe.flicker.FlickerSeries;

/**
 * What a stylize report shows of the output in motion: the flicker of each recording measured
 * (none: not measured) and a preview (null when no recording was stylized).
 */
public record VideoReview(List<FlickerSeries> flicker, Preview preview) {

  public VideoReview {
    flicker = List.copyOf(flicker);
  }

  /** A JSON-friendly view. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    Map<String, Object> measured = new LinkedHashMap<>();
    measured.put("measured", !flicker.isEmpty());
    measured.put("recordings", flicker.stream().map(FlickerSeries::toMap).toList());
    map.put("flicker", measured);
    map.put("preview", preview == null ? null : preview.toMap());
    return map;
  }
}
