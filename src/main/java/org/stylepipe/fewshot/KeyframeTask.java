package org.stylepipe.fewshot;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.ingest.Recording;

/** The keyframes of one recording's sequences, by number. */
public record KeyframeTask(Recording recording, int length, List<Integer> keys)
    implements Serializable {
  public KeyframeTask {
    keys = List.copyOf(keys);
  }
}
