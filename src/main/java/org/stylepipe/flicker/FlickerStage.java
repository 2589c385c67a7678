package org.stylepipe.flicker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.ProbeFunction;
import org.stylepipe.ingest.ProbeResult;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.progress.ProgressBoard;
import org.stylepipe.progress.StageProgress;

/**
 * The flicker stage: probes each stylized video (one small task each) and checks that it holds the
 * source's frames at the source's times, then one task per segment measures the segment's frames in
 * both ({@link FlickerFunction}) and writes them to {@code OUT/flicker/}; only the rows come back.
 * A stylized video that is missing or holds other frames is an error row naming it, and the other
 * recordings are measured.
 *
 * <p>A frame's E_t depends on it and the frame before it only, so it does not depend on the segment
 * length or on how many tasks run at once; the driver sums in frame order, so E_warp does not
 * either.
 */
public final class FlickerStage {
  /** The stage name in error rows. */
  public static final String STAGE = "flicker";

  private static final Logger LOG = LoggerFactory.getLogger(FlickerStage.class);

  /** A pair as checked: the stylized video's plan if it matches the source, else why not. */
  private record Check(FlickerPair pair, RecordingPlan stylized, String problem) {}

  private FlickerStage() {}

  /**
   * Measures every pair and replaces {@code OUT/flicker/} with the rows; {@code segmentUs} is the
   * segment length the sources were planned with.
   */
  public static FlickerResult run(
      JavaSparkContext jsc, List<FlickerPair> pairs, long segmentUs, OutputLayout layout)
      throws IOException {
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    Path folder = new Path(layout.flicker());
    folder.getFileSystem(conf.get()).delete(folder, true);
    List<ErrorRow> errors = new ArrayList<>();
    List<Check> matched = new ArrayList<>();
    List<FlickerTask> tasks = new ArrayList<>();
    for (Check check : check(jsc, pairs, segmentUs, conf)) {
      Recording recording = check.pair().source().recording();
      if (check.problem() != null) {
        errors.add(
            new ErrorRow(
                recording.uri(),
                recording.id(),
                STAGE,
                -1,
                "cannot measure flicker against the stylized video "
                    + check.pair().stylized()
                    + ": "
                    + check.problem()));
        continue;
      }
      matched.add(check);
      for (SegmentPlan segment : check.pair().source().segments()) {
        tasks.add(
            new FlickerTask(
                recording,
                check.pair().stylized(),
                segment,
                check.stylized().width(),
                check.stylized().height()));
      }
    }
    Map<String, List<FlickerRow>> rows = new HashMap<>();
    if (!tasks.isEmpty()) {
      jsc.setJobDescription("stylepipe: measure flicker of " + tasks.size() + " segments");
      List<ProgressBoard.Part> parts =
          tasks.stream()
              .map(task -> ProgressBoard.Part.of(task.recording(), task.segment()))
              .toList();
      List<FlickerOutcome> outcomes;
      try (StageProgress progress = StageProgress.start(jsc, STAGE, parts)) {
        outcomes =
            progress.collect(
                jsc.parallelize(tasks, tasks.size())
                    .map(new FlickerFunction(layout, conf, progress.frames())));
      }
      // In task order: recording after recording, segment after segment, so rows come in frame
      // order.
      for (FlickerOutcome outcome : outcomes) {
        rows.computeIfAbsent(outcome.recordingId(), id -> new ArrayList<>()).addAll(outcome.rows());
        if (outcome.error() != null) {
          errors.add(outcome.error());
        }
      }
    }
    List<RecordingFlicker> recordings = new ArrayList<>();
    for (Check check : matched) {
      Recording recording = check.pair().source().recording();
      recordings.add(
          new RecordingFlicker(
              recording.id(),
              recording.uri(),
              check.pair().stylized(),
              check.stylized().width(),
              check.stylized().height(),
              rows.getOrDefault(recording.id(), List.of())));
    }
    FlickerResult result = new FlickerResult(recordings, errors);
    LOG.info(
        "Flicker of {} recordings, {} segments: {}",
        recordings.size(),
        tasks.size(),
        result.overall());
    return result;
  }

  /** Each pair, in order, with its stylized video probed on the segment grid of its source. */
  private static List<Check> check(
      JavaSparkContext jsc, List<FlickerPair> pairs, long segmentUs, HadoopConf conf)
      throws IOException {
    List<Recording> present = new ArrayList<>();
    for (FlickerPair pair : pairs) {
      Path path = new Path(pair.stylized());
      if (path.getFileSystem(conf.get()).exists(path)) {
        present.add(new Recording(pair.source().recording().id(), pair.stylized()));
      }
    }
    Map<String, ProbeResult> probes = new LinkedHashMap<>();
    if (!present.isEmpty()) {
      jsc.setJobDescription("stylepipe: probe " + present.size() + " stylized videos");
      for (ProbeResult probe :
          jsc.parallelize(present, present.size())
              .map(new ProbeFunction(conf, PlanRule.segments(segmentUs)))
              .collect()) {
        probes.put(
            probe.plan() != null ? probe.plan().recording().uri() : probe.error().source(), probe);
      }
    }
    List<Check> checks = new ArrayList<>();
    for (FlickerPair pair : pairs) {
      ProbeResult probe = probes.get(pair.stylized());
      if (probe == null) {
        checks.add(new Check(pair, null, "it does not exist"));
      } else if (probe.plan() == null) {
        checks.add(new Check(pair, null, probe.error().reason()));
      } else {
        checks.add(new Check(pair, probe.plan(), mismatch(pair.source(), probe.plan())));
      }
    }
    return checks;
  }

  /**
   * How the stylized video's frames differ from the source's by count and segment (each task then
   * checks the time of every frame), or null if they agree.
   */
  static String mismatch(RecordingPlan source, RecordingPlan stylized) {
    if (stylized.frameCount() != source.frameCount()) {
      return "it has " + stylized.frameCount() + " frames, the source " + source.frameCount();
    }
    for (int i = 0; i < source.segments().size(); i++) {
      SegmentPlan expected = source.segments().get(i);
      SegmentPlan found = i < stylized.segments().size() ? stylized.segments().get(i) : null;
      if (found == null
          || found.firstFrameIndex() != expected.firstFrameIndex()
          || found.frameCount() != expected.frameCount()
          || found.firstPtsUs() != expected.firstPtsUs()) {
        return "its frame times differ from the source's in segment "
            + i
            + ": "
            + (found == null ? "no such segment" : frames(found))
            + " there, "
            + frames(expected)
            + " in the source";
      }
    }
    return null;
  }

  private static String frames(SegmentPlan segment) {
    return String.format(
        "frames %d..%d from %d us",
        segment.firstFrameIndex(),
        segment.firstFrameIndex() + segment.frameCount() - 1,
        segment.firstPtsUs());
  }
}
