package org.stylepipe.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.ingest.RecordingPlan;

/**
 * What the driver learns about a job's stages and tasks while it runs, for the report: each stage's
 * wall time and counts, and each task's executor, frames and time. Not thread-safe.
 */
public final class RunLog {
  private final List<StageStats> stages = new ArrayList<>();
  private final Map<List<String>, long[]> tasks = new LinkedHashMap<>();

  /**
   * Records the probe stage, started at {@code startedNanos} ({@link System#nanoTime}) and ended
   * now.
   */
  public void probe(long startedNanos, List<RecordingPlan> plans, List<ErrorRow> errors) {
    long failed = ErrorRow.recordingsConcerned(errors);
    stage(
        "probe",
        startedNanos,
        plans.stream().mapToLong(RecordingPlan::frameCount).sum(),
        Map.of(
            "recordings",
            plans.size() + failed,
            "probed",
            (long) plans.size(),
            "failed",
            failed,
            "inputs_without_recordings",
            errors.stream().filter(e -> e.recordingId() == null).count()));
  }

  /** Records a stage started at {@code startedNanos} ({@link System#nanoTime}) and ended now. */
  public void stage(String name, long startedNanos, long frames, Map<String, Long> counts) {
    stages.add(new StageStats(name, (System.nanoTime() - startedNanos) / 1e9, frames, counts));
  }

  /**
   * Records one task of {@code stage} that handled {@code frames} in {@code nanos} on {@code
   * place}.
   */
  public void task(String stage, TaskPlace place, long frames, long nanos) {
    long[] sums =
        tasks.computeIfAbsent(List.of(stage, place.executorId(), place.host()), k -> new long[3]);
    sums[0]++;
    sums[1] += frames;
    sums[2] += nanos;
  }

  public List<StageStats> stages() {
    return List.copyOf(stages);
  }

  /** Per stage and executor, in the order first seen. */
  public List<ExecutorStats> executors() {
    Map<String, Double> stageSeconds = new HashMap<>();
    stages.forEach(s -> stageSeconds.put(s.name(), s.seconds()));
    List<ExecutorStats> stats = new ArrayList<>();
    tasks.forEach(
        (key, sums) ->
            stats.add(
                new ExecutorStats(
                    key.get(0),
                    key.get(1),
                    key.get(2),
                    (int) sums[0],
                    sums[1],
                    stageSeconds.getOrDefault(key.get(0), 0.0),
                    sums[2] / 1e9)));
    return stats;
  }
}
