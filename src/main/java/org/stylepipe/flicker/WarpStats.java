package org.stylepipe.flicker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * E_warp of a set of frames: the mean of E_t over the {@code frames} that have one, for the input
 * judged against itself (its own floor) and for the stylized output; NaN for no frames.
 */
public record WarpStats(long frames, double input, double output) {
  /**
   * Over the measured ones of {@code rows}, summed in their order (frame order, so every run sums
   * alike).
   */
  public static WarpStats of(List<FlickerRow> rows) {
    long frames = 0;
    double input = 0;
    double output = 0;
    for (FlickerRow row : rows) {
      if (row.measured()) {
        frames++;
        input += row.eInput();
        output += row.eOutput();
      }
    }
    return frames == 0
        ? new WarpStats(0, Double.NaN, Double.NaN)
        : new WarpStats(frames, input / frames, output / frames);
  }

  /** A JSON-friendly view (NaN as null). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("frames", frames);
    map.put("e_warp_input", Double.isNaN(input) ? null : input);
    map.put("e_warp_output", Double.isNaN(output) ? null : output);
    return map;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "E_warp input %.5f, output %.5f over %d frames", input, output, frames);
  }
}
