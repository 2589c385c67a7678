package org.stylepipe.stylizejob;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.output.StylizedCommit;
import org.stylepipe.output.StylizedRow;
import org.stylepipe.report.RunLog;
import org.stylepipe.stylize.ModelFile;

/**
 * The join stage: one Spark task per recording with segment videos joins them, in time order and
 * with the source's audio, into the recording's stylized video by packet copy ({@link
 * JoinFunction}), then writes the video's manifest file. Joins are cheap and rewrite the same
 * files, so a resumed job joins every recording again.
 */
public final class JoinStage {
  /** The stage name in the report and error rows. */
  public static final String STAGE = "join";

  /** The joined videos' manifest rows, and the errors of joins that failed or lost the sound. */
  public record Result(List<StylizedRow> videos, List<ErrorRow> errors) {}

  private JoinStage() {}

  /**
   * Joins the committed segment videos of each recording of {@code plans}; {@code tasks} are the
   * planned segments (with the size they were stylized at).
   */
  public static Result run(
      JavaSparkContext jsc,
      List<RecordingPlan> plans,
      List<StylizeTask> tasks,
      List<StylizedCommit> commits,
      OutputLayout layout,
      ModelFile model,
      RunLog log) {
    return run(jsc, joins(plans, tasks, commits), layout, model, log);
  }

  /** Runs {@code joins}. */
  public static Result run(
      JavaSparkContext jsc,
      List<JoinTask> joins,
      OutputLayout layout,
      ModelFile model,
      RunLog log) {
    List<StylizedRow> videos = new ArrayList<>();
    List<ErrorRow> errors = new ArrayList<>();
    if (joins.isEmpty()) {
      return new Result(videos, errors);
    }
    jsc.setJobDescription("stylepipe: join " + joins.size() + " videos");
    long started = System.nanoTime();
    for (JoinOutcome joined :
        jsc.parallelize(joins, joins.size())
            .map(new JoinFunction(layout, new HadoopConf(jsc.hadoopConfiguration()), model))
            .collect()) {
      log.task(
          STAGE, joined.place(), joined.row() == null ? 0 : joined.row().frames(), joined.nanos());
      if (joined.row() != null) {
        videos.add(joined.row());
      }
      if (joined.error() != null) {
        errors.add(joined.error());
      }
    }
    log.stage(
        STAGE,
        started,
        videos.stream().mapToLong(StylizedRow::frames).sum(),
        Map.of("videos", (long) joins.size(), "joined", (long) videos.size()));
    return new Result(videos, errors);
  }

  /** One join per recording with segment videos, over those videos in time order. */
  static List<JoinTask> joins(
      List<RecordingPlan> plans, List<StylizeTask> tasks, List<StylizedCommit> commits) {
    Map<String, StylizeTask> planned = new HashMap<>();
    tasks.forEach(t -> planned.put(SegmentCommit.key(t.recording().id(), t.segment().index()), t));
    List<JoinTask> joins = new ArrayList<>();
    for (RecordingPlan plan : plans) {
      String id = plan.recording().id();
      List<StylizedCommit> videos =
          commits.stream()
              .filter(c -> c.recordingId().equals(id) && c.video() != null)
              .sorted((a, b) -> Integer.compare(a.segment(), b.segment()))
              .toList();
      if (!videos.isEmpty()) {
        StylizeTask first = planned.get(SegmentCommit.key(id, videos.get(0).segment()));
        joins.add(
            new JoinTask(
                plan.recording(),
                videos.stream().map(StylizedCommit::video).toList(),
                first.segment().firstFrameIndex(),
                first.segment().firstPtsUs(),
                first.width(),
                first.height(),
                first.rotation(),
                plan.hasAudio()));
      }
    }
    return joins;
  }
}
