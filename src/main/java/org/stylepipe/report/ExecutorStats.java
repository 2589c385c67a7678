package org.stylepipe.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one executor did in one stage.
 *
 * @param stageSeconds the stage's wall time, over which {@link #framesPerSecond} spreads the
 *     executor's frames
 * @param taskSeconds time in this executor's tasks, summed over tasks
 */
public record ExecutorStats(
    String stage,
    String executorId,
    String host,
    int tasks,
    long frames,
    double stageSeconds,
    double taskSeconds) {

  /**
   * The executor's share of the stage's rate: its frames over the stage's wall time (shares add
   * up).
   */
  public double framesPerSecond() {
    return stageSeconds > 0 ? frames / stageSeconds : 0;
  }

  /** The rate of one task slot: frames over time in tasks. */
  public double framesPerTaskSecond() {
    return taskSeconds > 0 ? frames / taskSeconds : 0;
  }

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("stage", stage);
    map.put("executor_id", executorId);
    map.put("host", host);
    map.put("tasks", tasks);
    map.put("frames", frames);
    map.put("task_seconds", Format.round(taskSeconds, 3));
    map.put("frames_per_second", Format.round(framesPerSecond(), 1));
    map.put("frames_per_task_second", Format.round(framesPerTaskSecond(), 1));
    return map;
  }
}
