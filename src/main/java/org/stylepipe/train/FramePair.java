package org.stylepipe.train;

import java.io.Serializable;

/**
 * Two consecutive frames of a dataset's sequence, frame t−1 and frame t, with their teacher targets
 * and the optical flow between them: what one training sample is cut from. Files are URIs.
 *
 * @param sequence the sequence, for messages and reports
 * @param number the number of frame t in its sequence
 * @param previousInput frame t−1
 * @param input frame t
 * @param previousTarget the teacher's output for frame t−1
 * @param target the teacher's output for frame t
 * @param flowToPrevious the flow from frame t to t−1; null without flow
 * @param flowFromPrevious the flow from frame t−1 to t; null without flow
 */
public record FramePair(
    String sequence,
    int number,
    String previousInput,
    String input,
    String previousTarget,
    String target,
    String flowToPrevious,
    String flowFromPrevious)
    implements Serializable {

  /** Whether the dataset holds the flow between the two frames. */
  public boolean hasFlow() {
    return flowToPrevious != null && flowFromPrevious != null;
  }

  @Override
  public String toString() {
    return sequence + " frames " + (number - 1) + "-" + number;
  }
}
