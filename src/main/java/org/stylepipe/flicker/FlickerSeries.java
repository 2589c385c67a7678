package org.stylepipe.flicker;

import java.util.Arrays;
import java.util.Objects;

/**
 * One recording's per-frame flicker, for plots: E_t of the input and of the stylized output by frame index, in
 * frame order (NaN where a frame has none: the recording's first). Immutable: the arrays are copied in and out.
 */
public record FlickerSeries(String recordingId, long[] frameIndex, double[] input, double[] output) {
  public FlickerSeries {
    if (frameIndex.length != input.length || frameIndex.length != output.length) {
      throw new IllegalArgumentException("Cannot make the flicker series of " + recordingId + ": " + frameIndex.length
          + " frames but " + input.length + " input and " + output.length + " output values");
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

  @Override
  public boolean equals(Object other) {
    return other instanceof FlickerSeries that && recordingId.equals(that.recordingId)
        && Arrays.equals(frameIndex, that.frameIndex) && Arrays.equals(input, that.input)
        && Arrays.equals(output, that.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(recordingId, Arrays.hashCode(frameIndex), Arrays.hashCode(input), Arrays.hashCode(output));
  }

  @Override
  public String toString() {
    return "FlickerSeries[" + recordingId + ", " + frameIndex.length + " frames]";
  }
}
