package org.stylepipe.stylizejob;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.output.StylizedCommit;
import org.stylepipe.progress.ProgressBoard;
import org.stylepipe.progress.StageProgress;
import org.stylepipe.report.RunLog;

/**
 * The stylize stage: one Spark task per segment not committed before carries its frames from decode
 * through batched inference to its segment video and its manifest file, the segment's commit
 * ({@link StylizeFunction}, {@link SegmentStylizer}); only commits and timings come back to the
 * driver. Segments of few-shot sequences, each frame with its noise guide, run the same way ({@link
 * #runGuided}, {@link GuidedStylizeFunction}, {@link GuidedStylizer}). Resuming an output, the
 * segments committed by an earlier run are read from their manifest files and not run again.
 *
 * <pre>
 * StylizeStage.Result result = new StylizeStage(jsc, settings, model, layout, log).run(tasks, resume);
 * </pre>
 */
public final class StylizeStage {
  /** The stage name in progress lines, the report and error rows. */
  public static final String STAGE = "stylize";

  private static final Logger LOG = LoggerFactory.getLogger(StylizeStage.class);

  /**
   * What the stage left: the commit of every segment (run now or before), in recording and segment
   * order; the errors of segments that could not be committed; how many segments ran now; and where
   * their time went.
   */
  public record Result(
      List<StylizedCommit> commits, List<ErrorRow> uncommitted, int processed, Timings timings) {

    /** Frames stylized per device over every committed segment. */
    public Map<String, Long> framesByDevice() {
      Map<String, Long> byDevice = new TreeMap<>();
      commits.forEach(c -> byDevice.merge(c.device(), c.framesStylized(), Long::sum));
      return byDevice;
    }
  }

  /** Time of the segment tasks that ran now, summed over tasks, and the stage's wall time. */
  public record Timings(
      long stageNanos,
      long taskNanos,
      long decodeNanos,
      long waitNanos,
      long inferNanos,
      long writeNanos) {}

  private final JavaSparkContext jsc;
  private final StylizeSettings settings;
  private final ShippedModel model;
  private final OutputLayout layout;
  private final RunLog log;

  public StylizeStage(
      JavaSparkContext jsc,
      StylizeSettings settings,
      ShippedModel model,
      OutputLayout layout,
      RunLog log) {
    this.jsc = jsc;
    this.settings = settings;
    this.model = model;
    this.layout = layout;
    this.log = log;
  }

  /**
   * Stylizes the segments of {@code tasks}; with {@code resume}, those committed before are kept as
   * they are.
   */
  public Result run(List<StylizeTask> tasks, boolean resume) throws IOException {
    return run(
        tasks,
        task -> SegmentCommit.key(task.recording().id(), task.segment().index()),
        task -> ProgressBoard.Part.of(task.recording(), task.segment()),
        frames ->
            new StylizeFunction(
                settings,
                model,
                layout,
                new HadoopConf(jsc.hadoopConfiguration()),
                FaultInjection.from(jsc),
                frames),
        resume);
  }

  /**
   * Stylizes the segments of few-shot sequences, each frame with its noise guide ({@link
   * GuidedStylizeFunction}); with {@code resume}, those committed before are kept as they are.
   */
  public Result runGuided(List<GuidedSegment> segments, boolean resume) throws IOException {
    return run(
        segments,
        segment -> SegmentCommit.key(segment.sequence().name(), segment.index()),
        segment -> new ProgressBoard.Part(segment.sequence().name(), segment.frames().size()),
        frames ->
            new GuidedStylizeFunction(
                settings, model, layout, new HadoopConf(jsc.hadoopConfiguration()), frames),
        resume);
  }

  /**
   * Runs the executor function {@code stylizer} makes (given the progress counter) over the units
   * not committed before, each known by its commit key.
   */
  private <T> Result run(
      List<T> units,
      java.util.function.Function<T, String> key,
      java.util.function.Function<T, ProgressBoard.Part> part,
      java.util.function.Function<LongAccumulator, Function<T, StylizeOutcome>> stylizer,
      boolean resume)
      throws IOException {
    Map<String, StylizedCommit> committed =
        resume ? StylizedCommit.readAll(layout.manifest(), jsc.hadoopConfiguration()) : Map.of();
    List<StylizedCommit> commits = new ArrayList<>();
    List<T> todo = new ArrayList<>();
    for (T unit : units) {
      StylizedCommit done = committed.get(key.apply(unit));
      if (done != null) {
        commits.add(done);
      } else {
        todo.add(unit);
      }
    }
    if (resume) {
      LOG.info(
          "Resuming {}: {} of {} segments were committed before and are kept, {} to stylize",
          layout.root(),
          commits.size(),
          units.size(),
          todo.size());
    }
    List<ErrorRow> uncommitted = new ArrayList<>();
    Timings timings = new Timings(0, 0, 0, 0, 0, 0);
    if (!todo.isEmpty()) {
      timings = stylize(todo, part, stylizer, commits, uncommitted);
    }
    commits.sort(
        Comparator.comparing(StylizedCommit::recordingId).thenComparing(StylizedCommit::segment));
    return new Result(commits, uncommitted, todo.size(), timings);
  }

  private <T> Timings stylize(
      List<T> todo,
      java.util.function.Function<T, ProgressBoard.Part> part,
      java.util.function.Function<LongAccumulator, Function<T, StylizeOutcome>> stylizer,
      List<StylizedCommit> commits,
      List<ErrorRow> uncommitted) {
    jsc.setJobDescription("stylepipe: stylize " + todo.size() + " segments");
    long started = System.nanoTime();
    model.ship(jsc);
    List<ProgressBoard.Part> parts = todo.stream().map(part).toList();
    List<StylizeOutcome> outcomes;
    try (StageProgress progress = StageProgress.start(jsc, STAGE, parts)) {
      outcomes =
          progress.collect(
              jsc.parallelize(todo, todo.size()).map(stylizer.apply(progress.frames())));
    }
    long task = 0;
    long decode = 0;
    long wait = 0;
    long infer = 0;
    long write = 0;
    long decoded = 0;
    long stylized = 0;
    for (StylizeOutcome outcome : outcomes) {
      StylizedCommit commit = outcome.commit();
      if (outcome.committed()) {
        commits.add(commit);
      } else {
        uncommitted.add(commit.error());
      }
      task += outcome.nanos();
      decode += outcome.decodeNanos();
      wait += outcome.waitNanos();
      infer += outcome.inferNanos();
      write += outcome.writeNanos();
      decoded += commit.framesDecoded();
      stylized += commit.framesStylized();
      log.task(STAGE, outcome.place(), commit.framesStylized(), outcome.nanos());
    }
    log.stage(
        STAGE,
        started,
        stylized,
        Map.of(
            "segments",
            (long) outcomes.size(),
            "frames_decoded",
            decoded,
            "frames_stylized",
            stylized,
            "segments_with_errors",
            outcomes.stream().filter(o -> o.commit().error() != null).count()));
    return new Timings(System.nanoTime() - started, task, decode, wait, infer, write);
  }
}
