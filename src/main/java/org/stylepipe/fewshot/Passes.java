package org.stylepipe.fewshot;

import org.stylepipe.common.ErrorRow;

/** What the few-shot passes share. */
final class Passes {
  private Passes() {}

  /** A noise radius as track files name it: {@code 10}, {@code 7.5}. */
  static String radiusName(float radius) {
    return radius == Math.rint(radius) ? Integer.toString((int) radius) : Float.toString(radius);
  }

  static ErrorRow error(SequenceTask task, String stage, String reason) {
    return new ErrorRow(
        task.recording().uri(), task.recording().id(), stage, task.segment().index(), reason);
  }
}
