package org.stylepipe.output;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few-shot columns of a manifest row: the frame's sequence and number, whether it is a
 * keyframe, and where its mask, flows and noise guides are (paths relative to the output root, null
 * where the frame has none: the first frame has no forward flow, the last no backward flow).
 *
 * @param sequenceLength frames in the sequence (the numbers' width follows from it)
 * @param noisePaths noise guide variant name ({@code r10_s10}) to its image, in the job's variant
 *     order
 */
public record GuideColumns(
    String sequence,
    int sequenceLength,
    int number,
    boolean keyframe,
    String maskPath,
    String flowForwardPath,
    String flowBackwardPath,
    Map<String, String> noisePaths)
    implements Serializable {

  public GuideColumns {
    noisePaths = new LinkedHashMap<>(noisePaths);
  }

  /** These columns with the noise guides' paths. */
  public GuideColumns withNoise(Map<String, String> paths) {
    return new GuideColumns(
        sequence,
        sequenceLength,
        number,
        keyframe,
        maskPath,
        flowForwardPath,
        flowBackwardPath,
        paths);
  }
}
