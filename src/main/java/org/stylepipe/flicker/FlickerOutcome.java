package org.stylepipe.flicker;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.common.ErrorRow;

/**
 * What a flicker task did: the rows of its segment's frames, in frame order (none if it failed),
 * and the error that stopped it (null if none).
 */
public record FlickerOutcome(String recordingId, int segment, List<FlickerRow> rows, ErrorRow error)
    implements Serializable {

  public FlickerOutcome {
    rows = List.copyOf(rows);
  }
}
