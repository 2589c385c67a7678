package org.stylepipe.progress;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/**
 * The progress of one stage per recording, from task events: which segment tasks have finished, how
 * many frames they did, and a console line per recording, at most one every {@code throttleMillis}
 * plus the final one: {@code stylize gameplay: 3/12 segments, 240 frames, 48.2 frames/s, ETA 0:41}.
 * Times are the events' own (milliseconds), so the lines follow from the events alone. Not
 * thread-safe (Spark's listener bus calls it from one thread).
 */
public final class ProgressBoard {
  /** The segment task of one partition: its recording and the frames the plan expects of it. */
  public record Part(String recordingId, long frames) {
    public static Part of(Recording recording, SegmentPlan segment) {
      return new Part(recording.id(), segment.frameCount());
    }
  }

  private final String stage;
  private final long throttleMillis;
  private final List<Part> parts;
  private final Map<String, RecordingProgress> recordings = new LinkedHashMap<>();
  private final Set<Integer> finished = new HashSet<>();

  /** {@code parts}: the stage's partitions in order. */
  public ProgressBoard(String stage, List<Part> parts, long throttleMillis) {
    this.stage = stage;
    this.throttleMillis = throttleMillis;
    this.parts = List.copyOf(parts);
    for (Part part : this.parts) {
      recordings.computeIfAbsent(part.recordingId(), id -> new RecordingProgress()).add(part);
    }
  }

  /**
   * A task of {@code partition} started at {@code millis}; a recording's clock starts with its
   * first task.
   */
  public void started(int partition, long millis) {
    RecordingProgress recording = recordings.get(parts.get(partition).recordingId());
    recording.startMillis = Math.min(recording.startMillis, millis);
  }

  /**
   * A task of {@code partition} finished at {@code millis} after doing {@code frames} frames; a
   * partition already finished (a speculative or retried copy) counts once.
   *
   * @return the line to print now, or null while the recording's last line is recent
   */
  public String finished(int partition, long frames, long millis) {
    if (!finished.add(partition)) {
      return null;
    }
    Part part = parts.get(partition);
    RecordingProgress recording = recordings.get(part.recordingId());
    recording.startMillis = Math.min(recording.startMillis, millis);
    recording.segmentsDone++;
    recording.framesDone += frames;
    recording.plannedFramesDone += part.frames();
    boolean last = recording.segmentsDone == recording.segments;
    if (!last
        && recording.lastLineMillis != Long.MIN_VALUE
        && millis - recording.lastLineMillis < throttleMillis) {
      return null;
    }
    recording.lastLineMillis = millis;
    return line(part.recordingId(), recording, millis, last);
  }

  private String line(String id, RecordingProgress recording, long millis, boolean last) {
    long elapsed = Math.max(1, millis - recording.startMillis);
    double rate = recording.framesDone * 1000.0 / elapsed;
    String tail;
    if (last) {
      tail = "done in " + clock(elapsed);
    } else if (recording.framesDone == 0) {
      tail = "ETA unknown";
    } else {
      tail =
          "ETA "
              + clock(
                  Math.round(
                      (recording.plannedFrames - recording.plannedFramesDone) * 1000.0 / rate));
    }
    return String.format(
        Locale.ROOT,
        "%s %s: %d/%d segments, %d frames, %.1f frames/s, %s",
        stage,
        id,
        recording.segmentsDone,
        recording.segments,
        recording.framesDone,
        rate,
        tail);
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String clock(long millis) {
    long seconds = Math.max(0, Math.round(millis / 1000.0));
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  private static final class RecordingProgress {
    private int segments;
    private long plannedFrames;
    private int segmentsDone;
    private long framesDone;
    private long plannedFramesDone;
    private long startMillis = Long.MAX_VALUE;
    private long lastLineMillis = Long.MIN_VALUE;

    void add(Part part) {
      segments++;
      plannedFrames += part.frames();
    }
  }
}
