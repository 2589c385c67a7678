package org.stylepipe.flicker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recording's per-frame flicker, for plots: E_t of the input and of the stylized output by
 * frame index, in frame order (NaN where a frame has none: the recording's first). Immutable: the
 * arrays are copied in and out.
 */
public record FlickerSeries(
    String recordingId, long[] frameIndex, double[] input, double[] output) {
  public FlickerSeries {
    if (frameIndex.length != input.length || frameIndex.length != output.length) {
      throw new IllegalArgumentException(
          "Cannot make the flicker series of "
              + recordingId
              + ": "
              + frameIndex.length
              + " frames but "
              + input.length
              + " input and "
              + output.length
              + " output values");
    }
    frameIndex = frameIndex.clone();
    input = input.clone();
    output = output.clone();
  }

  @Override
  public long[] frameIndex() {
    return frameIndex.clone();
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
    map.put("frames", frameIndex.length);
    map.put("e_warp_input", finiteOrNull(inputWarpingError()));
    map.put("e_warp_output", finiteOrNull(outputWarpingError()));
    map.put("frame_index", Arrays.stream(frameIndex).boxed().toList());
    map.put("input", values(input));
    map.put("output", values(output));
    return map;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FlickerSeries that
        && recordingId.equals(that.recordingId)
        && Arrays.equals(frameIndex, that.frameIndex)
        && Arrays.equals(input, that.input)
        && Arrays.equals(output, that.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        recordingId, Arrays.hashCode(frameIndex), Arrays.hashCode(input), Arrays.hashCode(output));
  }

  @Override
  public String toString() {
    return "FlickerSeries[" + recordingId + ", " + frameIndex.length + " frames]";
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
