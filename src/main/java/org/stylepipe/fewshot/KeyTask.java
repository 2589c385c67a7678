package org.stylepipe.fewshot;

import java.io.Serializable;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.ingest.Recording;

/**
 * One keyframe of a recording's original sequence for the tracking pass: its noise points of {@code
 * radius}, seeded on its mask, tracked over {@code span}.
 */
public record KeyTask(Recording recording, int length, int key, KeySpan span, float radius)
    implements Serializable {

  /** The radius as track files name it: {@code 10}, {@code 7.5}. */
  public String radiusName() {
    return Passes.radiusName(radius);
  }
}
