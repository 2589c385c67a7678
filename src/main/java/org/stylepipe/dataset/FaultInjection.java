package org.stylepipe.dataset;

import java.io.Serializable;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A testing hook for fault tolerance: the first attempt of each chosen segment task dies after
 * writing a few images, before its commit, as a task on a lost executor would. Chosen with the
 * Spark property {@value #PROPERTY} = {@code recordingId/segment[,recordingId/segment...]} (a
 * thread-local property of the driver's thread takes precedence over the configuration); unset in
 * production.
 */
public record FaultInjection(Set<String> segments) implements Serializable {
  public static final String PROPERTY = "spark.stylepipe.faults.failFirstAttempt";

  /** Images a doomed attempt writes before it dies. */
  static final int IMAGES_BEFORE_FAULT = 3;

  public static FaultInjection from(JavaSparkContext jsc) {
    String local = jsc.getLocalProperty(PROPERTY);
    String value = (local != null ? local : jsc.getConf().get(PROPERTY, "")).trim();
    return new FaultInjection(value.isEmpty() ? Set.of() : Set.of(value.split("\\s*,\\s*")));
  }

  /** Whether this attempt of the segment's task is to die. */
  boolean strikes(SegmentTask task, int attemptNumber) {
    return attemptNumber == 0
        && segments.contains(task.recording().id() + "/" + task.segment().index());
  }

  /**
   * Thrown by a doomed attempt; an {@link Error}, so that no handler for bad input turns it into an
   * error row.
   */
  static final class InjectedFault extends Error {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }
}
