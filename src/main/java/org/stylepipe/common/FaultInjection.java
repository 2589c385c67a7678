package org.stylepipe.common;

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
 *   <li>{@value #FAIL}: the first attempt of each chosen task dies after writing a few files,
 *       before its commit, as a task on a lost executor would;
 *   <li>{@value #HOLD}: each chosen task waits, before it decodes anything, until the local file
 *       named by {@value #RELEASE} exists, so a test can act while the job is certainly running;
 *   <li>{@value #DECODE_ERROR}: the decode thread of each chosen stylize task throws an {@link
 *       Error} after its first frame, as a native library that fails to load would;
 *   <li>{@value #BUG}: each chosen stylize task throws a {@link NullPointerException} after its
 *       first batch, as a bug would.
 * </ul>
 */
public record FaultInjection(
    Set<String> failing,
    Set<String> held,
    String release,
    Set<String> decodeErrors,
    Set<String> bugs)
    implements Serializable {
  public static final String FAIL = "spark.stylepipe.faults.failFirstAttempt";
  public static final String HOLD = "spark.stylepipe.faults.hold";
  public static final String RELEASE = "spark.stylepipe.faults.release";
  public static final String DECODE_ERROR = "spark.stylepipe.faults.decodeError";
  public static final String BUG = "spark.stylepipe.faults.bug";

  /** No faults. */
  public static final FaultInjection NONE =
      new FaultInjection(Set.of(), Set.of(), "", Set.of(), Set.of());

  private static final long POLL_MILLIS = 50;

  public static FaultInjection from(JavaSparkContext jsc) {
    return new FaultInjection(
        segments(property(jsc, FAIL)),
        segments(property(jsc, HOLD)),
        property(jsc, RELEASE),
        segments(property(jsc, DECODE_ERROR)),
        segments(property(jsc, BUG)));
  }

  /** Whether this attempt of the segment's task is to die before its commit. */
  public boolean strikes(String recordingId, int segment, int attemptNumber) {
    return attemptNumber == 0 && failing.contains(key(recordingId, segment));
  }

  /** Whether the segment's decode thread is to throw an {@link Error}. */
  public boolean breaksDecoding(String recordingId, int segment) {
    return decodeErrors.contains(key(recordingId, segment));
  }

  /** Whether the segment's task is to throw a {@link NullPointerException}. */
  public boolean hasBug(String recordingId, int segment) {
    return bugs.contains(key(recordingId, segment));
  }

  /** Waits until the release file exists if the segment's task is held; else returns at once. */
  public void holdIfChosen(String recordingId, int segment) throws InterruptedException {
    if (!held.contains(key(recordingId, segment))) {
      return;
    }
    if (release.isEmpty()) {
      throw new IllegalStateException(HOLD + " is set without " + RELEASE);
    }
    while (!Files.exists(Path.of(release))) {
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static String key(String recordingId, int segment) {
    return recordingId + "/" + segment;
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
  public static final class InjectedFault extends Error {
    private static final long serialVersionUID = 1L;

    public InjectedFault(String message) {
      super(message);
    }
  }
}
