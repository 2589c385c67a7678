package org.stylepipe.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylepipe.common.ErrorRow;

/**
 * Everything a job's {@code report.json} and {@code report.html} show: what went in, what each
 * stage and executor did, what failed, and sampled pictures of the output.
 *
 * @param job {@code dataset} or {@code stylize}
 * @param finished when the job finished, before the report was made
 * @param options the options that shaped the output, by option name
 * @param totals the job's counts, as in its summary
 * @param video the stylize job's flicker and preview; null for other jobs
 * @param training the train job's loss curves; null for other jobs
 */
public record JobReport(
    String job,
    String output,
    Instant finished,
    double wallSeconds,
    List<String> inputs,
    Map<String, Object> options,
    Map<String, Object> totals,
    List<StageStats> stages,
    List<ExecutorStats> executors,
    List<ErrorRow> errors,
    ContactSheet contactSheet,
    VideoReview video,
    TrainingCurves training) {

  public JobReport {
    inputs = List.copyOf(inputs);
    options = new LinkedHashMap<>(options);
    totals = new LinkedHashMap<>(totals);
    stages = List.copyOf(stages);
    executors = List.copyOf(executors);
    errors = List.copyOf(errors);
  }

  /** A report without training curves: a job other than the train job's. */
  public JobReport(
      String job,
      String output,
      Instant finished,
      double wallSeconds,
      List<String> inputs,
      Map<String, Object> options,
      Map<String, Object> totals,
      List<StageStats> stages,
      List<ExecutorStats> executors,
      List<ErrorRow> errors,
      ContactSheet contactSheet,
      VideoReview video) {
    this(
        job,
        output,
        finished,
        wallSeconds,
        inputs,
        options,
        totals,
        stages,
        executors,
        errors,
        contactSheet,
        video,
        null);
  }

  /** The content of {@code report.json}, in a stable key order (pictures are only in the HTML). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("job", job);
    map.put("output", output);
    map.put("finished", finished.truncatedTo(ChronoUnit.MILLIS).toString());
    map.put("wall_seconds", Format.round(wallSeconds, 3));
    map.put("inputs", inputs);
    map.put("options", options);
    map.put("totals", totals);
    map.put("stages", stages.stream().map(StageStats::toMap).toList());
    map.put("executors", executors.stream().map(ExecutorStats::toMap).toList());
    map.put("errors", errors.stream().map(ErrorRow::toMap).toList());
    map.put("contact_sheet", contactSheet.toMap());
    if (video != null) {
      map.putAll(video.toMap());
    }
    if (training != null) {
      map.put("training", training.toMap());
    }
    return map;
  }
}
