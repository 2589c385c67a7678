package org.stylepipe.ingest;

import java.io.Serializable;
import org.stylepipe.output.ErrorRow;

/** The outcome of probing one recording: a plan, or the error that stopped it. */
public final class ProbeResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RecordingPlan plan;
  private final ErrorRow error;

  private ProbeResult(RecordingPlan plan, ErrorRow error) {
    this.plan = plan;
    this.error = error;
  }

  public static ProbeResult of(RecordingPlan plan) {
    return new ProbeResult(plan, null);
  }

  public static ProbeResult failed(Recording recording, String reason) {
    return new ProbeResult(null, new ErrorRow(recording.uri(), recording.id(), "probe", -1, reason));
  }

  /** The plan, or null if probing failed. */
  public RecordingPlan plan() {
    return plan;
  }

  /** The error, or null if probing succeeded. */
  public ErrorRow error() {
    return error;
  }
}
