package org.stylepipe.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-frame warping error E_t ({@link WarpingError}) of one recording, for the input video (its own floor) and
 * for the stylized output, as the report plots it. NaN marks a frame without a value (the first of a run).
 *
 * @param frameIndices the frames' indices in the recording, in order
 * @param input E_t of the input judged against itself, one per frame
 * @param output E_t of the stylized frames, one per frame
 */
public record FlickerSeries(String recordingId, List<Long> frameIndices, double[] input, double[] output) {

  public FlickerSeries {
    frameIndices = List.copyOf(frameIndices);
    if (input.length != frameIndices.size() || output.length != frameIndices.size()) {
      throw new IllegalArgumentException("Cannot plot the flicker of " + recordingId + ": " + frameIndices.size()
          + " frame indices but " + input.length + " input and " + output.length + " output values");
    }
    input = input.clone();
    output = output.clone();
  }

  @Override
  public double[] input() {
    return input.clone();
  }

  @Override
  public double[] output() {
    return output.clone();
  }

  /** E_warp of the input: the mean of its E_t over the frames that have one (NaN if none). */
  public double inputWarpingError() {
    return mean(input);
  }

  /** E_warp of the stylized output. */
  public double outputWarpingError() {
    return mean(output);
  }

  /** A JSON-friendly view; frames without a value are null. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("recording_id", recordingId);
    map.put("frames", frameIndices.size());
    map.put("e_warp_input", finiteOrNull(inputWarpingError()));
    map.put("e_warp_output", finiteOrNull(outputWarpingError()));
    map.put("frame_index", frameIndices);
    map.put("input", values(input));
    map.put("output", values(output));
    return map;
  }

  private static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double value : values) {
      if (Double.isFinite(value)) {
        sum += value;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static List<Double> values(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double value : values) {
      list.add(finiteOrNull(value));
    }
    return list;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
