package org.stylepipe.ingest;

import java.io.Serializable;
import org.stylepipe.common.ErrorRow;

/** The outcome of probing one recording: a plan, or (plan null) the error that stopped it. */
public record ProbeResult(RecordingPlan plan, ErrorRow error) implements Serializable {
  public static ProbeResult of(RecordingPlan plan) {
    return new ProbeResult(plan, null);
  }

  public static ProbeResult failed(Recording recording, String reason) {
    return new ProbeResult(
        null, new ErrorRow(recording.uri(), recording.id(), "probe", -1, reason));
  }
}
