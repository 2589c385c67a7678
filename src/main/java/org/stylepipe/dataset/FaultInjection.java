package org.stylepipe.dataset;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Testing hooks for fault tolerance, unset in production. Each is a Spark property (a thread-local
 * property of the driver's thread takes precedence over the configuration) listing segment tasks as
 * {@code recordingId/segment[,recordingId/segment...]}:
 *
 * <ul>
 *   <li>{@value #FAIL}: the first attempt of each chosen task dies after writing a few images,
 *       before its commit, as a task on a lost executor would;
 *   <li>{@value #HOLD}: each chosen task waits, before it decodes anything, until the local file
 *       named by {@value #RELEASE} exists, so a test can act while the job is certainly running.
 * </ul>
 */
public record FaultInjection(Set<String> failing, Set<String> held, String release)
    implements Serializable {
  public static final String FAIL = "spark.stylepipe.faults.failFirstAttempt";
  public static final String HOLD = "spark.stylepipe.faults.hold";
  public static final String RELEASE = "spark.stylepipe.faults.release";

  /** Images a doomed attempt writes before it dies. */
  static final int IMAGES_BEFORE_FAULT = 3;

  private static final long POLL_MILLIS = 50;

  public static FaultInjection from(JavaSparkContext jsc) {
    return new FaultInjection(
        segments(property(jsc, FAIL)), segments(property(jsc, HOLD)), property(jsc, RELEASE));
  }

  /** Whether this attempt of the segment's task is to die. */
  boolean strikes(SegmentTask task, int attemptNumber) {
    return attemptNumber == 0 && failing.contains(key(task));
  }

  /** Waits until the release file exists if the segment's task is held; else returns at once. */
  void holdIfChosen(SegmentTask task) throws InterruptedException {
    if (!held.contains(key(task))) {
      return;
    }
    if (release.isEmpty()) {
      throw new IllegalStateException(HOLD + " is set without " + RELEASE);
    }
    while (!Files.exists(Path.of(release))) {
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static String key(SegmentTask task) {
    return task.recording().id() + "/" + task.segment().index();
  }

  private static String property(JavaSparkContext jsc, String name) {
    String local = jsc.getLocalProperty(name);
    return (local != null ? local : jsc.getConf().get(name, "")).trim();
  }

  private static Set<String> segments(String value) {
    return value.isEmpty() ? Set.of() : Set.of(value.split("\\s*,\\s*"));
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
