package org.stylepipe.fewshot;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.MaskMode;
import org.stylepipe.ingest.KeptFrames;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.progress.ProgressBoard;
import org.stylepipe.progress.StageProgress;
import org.stylepipe.report.RunLog;

/**
 * The few-shot stage of the dataset job ({@code --layout fewshot}): two parallel passes over the
 * segments around a cheap one over the keys, so that the noise guides have no seams where segments
 * meet:
 *
 * <ol>
 *   <li>{@link ExtractPass}, per segment: frames, masks, both flows, keyframes; committed by a
 *       staging manifest;
 *   <li>{@link TrackPass}, per keyframe: its noise points tracked through the flow files over its
 *       span;
 *   <li>{@link RenderPass}, per segment: noise guides drawn from the tracks; committed by the
 *       segment's manifest file.
 * </ol>
 *
 * Then painted keyframes are copied in ({@link PaintedKeyframes}) if a folder is given. Every pass
 * skips what an earlier run committed (staging manifests, track files, manifest files), so a rerun
 * resumes; the work files under {@code _stylepipe/fewshot/} are removed once every segment is
 * committed. Only commits and errors reach the driver; frames never leave their task.
 */
public final class FewShotStage {
  private static final Logger LOG = LoggerFactory.getLogger(FewShotStage.class);

  /** The segments' commits, the errors of the stage, and how many segments this run processed. */
  public record Result(List<SegmentCommit> commits, List<ErrorRow> errors, int segmentsProcessed) {
    public Result {
      commits = List.copyOf(commits);
      errors = List.copyOf(errors);
    }
  }

  private static final String EXTRACT = "frames, masks, flows";
  private static final String TRACK = "noise point tracks";
  private static final String RENDER = "noise guides";
  private static final String PAINTED = "painted keyframes";

  private final JavaSparkContext jsc;
  private final FrameSettings frames;
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final RunLog log;

  /** A stage that records its passes and their tasks in {@code log}. */
  public FewShotStage(
      JavaSparkContext jsc,
      FrameSettings frames,
      GuideSettings guides,
      OutputLayout layout,
      RunLog log) {
    this.jsc = jsc;
    this.frames = frames;
    this.guides = guides;
    this.layout = layout;
    this.conf = new HadoopConf(jsc.hadoopConfiguration());
    this.log = log;
  }

  /**
   * Runs the passes over the recordings' segments, then copies the painted keyframes from {@code
   * keyframesFrom} (null for none).
   */
  public Result run(List<RecordingPlan> plans, String keyframesFrom) throws IOException {
    List<ErrorRow> errors = new ArrayList<>();
    Map<String, MaskTrack> maskTracks =
        guides.mask().mode() == MaskMode.TRACK ? MaskTracks.resolve(jsc, plans, errors) : Map.of();
    Map<String, SegmentCommit> committed = SegmentCommit.readAll(layout.manifest(), conf.get());
    Map<String, SegmentCommit> staged = SegmentCommit.readAll(layout.fewShotStaging(), conf.get());
    List<SequenceTask> all = new ArrayList<>();
    for (RecordingPlan plan : plans) {
      if (guides.mask().mode() != MaskMode.TRACK || maskTracks.containsKey(plan.recording().id())) {
        for (SegmentPlan segment : plan.segments()) {
          all.add(
              new SequenceTask(
                  plan.recording(),
                  segment,
                  Math.toIntExact(plan.keptFrameCount()),
                  maskTracks.get(plan.recording().id())));
        }
      }
    }
    List<SequenceTask> toExtract =
        all.stream()
            .filter(t -> !committed.containsKey(key(t)) && !staged.containsKey(key(t)))
            .toList();
    extract(toExtract).forEach(commit -> staged.put(key(commit), commit));

    Map<String, SequencePlan> sequences = sequencePlans(all, committed, staged);
    List<RenderTask> toRender = new ArrayList<>();
    List<SegmentCommit> commits = new ArrayList<>();
    for (SequenceTask task : all) {
      SegmentCommit done = committed.get(key(task));
      SegmentCommit first = staged.get(key(task));
      if (done != null) {
        commits.add(done);
      } else if (first.error() != null && first.error().stage().equals("write")) {
        commits.add(first); // its staging manifest is not written: reported, and redone by a rerun
      } else {
        toRender.add(
            new RenderTask(task, sequences.get(task.recording().id()).tracksOver(task.segment())));
      }
    }
    errors.addAll(track(sequences, toRender));
    commits.addAll(render(toRender));
    if (keyframesFrom != null) {
      errors.addAll(copyPaintedKeyframes(sequences, keyframesFrom));
    }
    if (SegmentCommit.files(layout.manifest(), conf.get()).keySet().containsAll(keys(all))) {
      Path work = new Path(layout.fewShotWork());
      work.getFileSystem(conf.get()).delete(work, true);
    }
    Set<String> processed = keys(toExtract);
    toRender.forEach(render -> processed.add(key(render.sequence())));
    return new Result(commits, errors, processed.size());
  }

  /** Pass 1 over {@code tasks}: their staging commits. */
  private List<SegmentCommit> extract(List<SequenceTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    jsc.setJobDescription(
        "stylepipe: few-shot pass 1 of 3 (frames, masks, flow) on " + tasks.size() + " segments");
    long started = System.nanoTime();
    List<PassOutcome> outcomes;
    try (StageProgress progress = StageProgress.start(jsc, "few-shot frames", parts(tasks))) {
      outcomes =
          progress.collect(
              jsc.parallelize(tasks, tasks.size())
                  .map(new ExtractPassFunction(frames, guides, layout, conf, progress.frames())));
    }
    logPass(EXTRACT, outcomes, started);
    return outcomes.stream().map(PassOutcome::commit).toList();
  }

  /** Pass 3 over {@code tasks}: the segments' commits. */
  private List<SegmentCommit> render(List<RenderTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    jsc.setJobDescription(
        "stylepipe: few-shot pass 3 of 3 (noise guides) on " + tasks.size() + " segments");
    long started = System.nanoTime();
    List<PassOutcome> outcomes;
    try (StageProgress progress =
        StageProgress.start(
            jsc, "few-shot noise", parts(tasks.stream().map(RenderTask::sequence).toList()))) {
      outcomes =
          progress.collect(
              jsc.parallelize(tasks, tasks.size())
                  .map(new RenderPassFunction(frames, guides, layout, conf, progress.frames())));
    }
    logPass(RENDER, outcomes, started);
    return outcomes.stream().map(PassOutcome::commit).toList();
  }

  /**
   * Pass 2: tracks the keys whose tracks a segment still to be drawn needs and an earlier run did
   * not write.
   */
  private List<ErrorRow> track(Map<String, SequencePlan> sequences, List<RenderTask> toRender)
      throws IOException {
    Set<String> needed = new HashSet<>();
    List<KeyTask> tasks = new ArrayList<>();
    for (RenderTask render : toRender) {
      SequencePlan sequence = sequences.get(render.sequence().recording().id());
      for (RenderTask.TrackRef ref : render.tracks()) {
        String file =
            layout.tracks(render.sequence().recording().id(), ref.radiusName(), ref.key());
        if (needed.add(file) && !exists(file)) {
          tasks.add(sequence.keyTask(ref));
        }
      }
    }
    if (tasks.isEmpty()) {
      return List.of();
    }
    jsc.setJobDescription(
        "stylepipe: few-shot pass 2 of 3 (noise point tracks) of " + tasks.size() + " keys");
    long started = System.nanoTime();
    List<ErrorRow> errors = new ArrayList<>();
    jsc.parallelize(tasks, tasks.size())
        .map(new TrackPassFunction(guides, layout, conf))
        .collect()
        .forEach(errors::addAll);
    log.stage(
        TRACK,
        started,
        0,
        Map.of("keys", (long) tasks.size(), "keys_with_errors", (long) errors.size()));
    LOG.info("Tracked the noise points of {} keys in {} s", tasks.size(), round(seconds(started)));
    return errors;
  }

  private List<ErrorRow> copyPaintedKeyframes(Map<String, SequencePlan> sequences, String folder) {
    List<KeyframeTask> tasks = new ArrayList<>();
    for (SequencePlan sequence : sequences.values()) {
      if (!sequence.keys.isEmpty()) {
        tasks.add(
            new KeyframeTask(sequence.task.recording(), sequence.task.length(), sequence.keys));
      }
    }
    if (tasks.isEmpty()) {
      return List.of();
    }
    jsc.setJobDescription("stylepipe: copy painted keyframes of " + tasks.size() + " recordings");
    long started = System.nanoTime();
    List<ErrorRow> errors = new ArrayList<>();
    jsc.parallelize(tasks, tasks.size())
        .map(new PaintedKeyframesFunction(folder, frames, layout, conf))
        .collect()
        .forEach(errors::addAll);
    log.stage(
        PAINTED,
        started,
        0,
        Map.of(
            "keyframes",
            tasks.stream().mapToLong(t -> t.keys().size()).sum(),
            "errors",
            (long) errors.size()));
    return errors;
  }

  /**
   * Each recording's keys, flow breaks and key spans, from the commits of its segments' first pass.
   */
  private Map<String, SequencePlan> sequencePlans(
      List<SequenceTask> all,
      Map<String, SegmentCommit> committed,
      Map<String, SegmentCommit> staged) {
    Map<String, SequencePlan> sequences = new TreeMap<>();
    for (SequenceTask task : all) {
      SequencePlan sequence =
          sequences.computeIfAbsent(task.recording().id(), id -> new SequencePlan(task));
      SegmentCommit commit = committed.getOrDefault(key(task), staged.get(key(task)));
      sequence.keys.addAll(commit.keyframes());
      sequence.breaks.addAll(commit.flowBreaks());
    }
    for (SequencePlan sequence : sequences.values()) {
      sequence.keys.sort(null);
      sequence.spans =
          KeyPlan.spans(sequence.keys, sequence.breaks, guides.keyReach(), sequence.task.length());
    }
    return sequences;
  }

  private void logPass(String pass, List<PassOutcome> outcomes, long started) {
    long frameCount = 0;
    for (PassOutcome outcome : outcomes) {
      frameCount += outcome.commit().framesDecoded();
      log.task(pass, outcome.place(), outcome.commit().framesDecoded(), outcome.nanos());
    }
    double seconds = seconds(started);
    log.stage(
        pass,
        started,
        frameCount,
        Map.of(
            "segments",
            (long) outcomes.size(),
            "images_written",
            outcomes.stream().mapToLong(o -> o.commit().images()).sum(),
            "segments_with_errors",
            outcomes.stream().filter(o -> o.commit().error() != null).count()));
    LOG.info(
        "Few-shot {} of {} segments: {} frames in {} s ({} frames/s)",
        pass,
        outcomes.size(),
        frameCount,
        round(seconds),
        round(frameCount / Math.max(seconds, 1e-3)));
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private boolean exists(String uri) throws IOException {
    Path path = new Path(uri);
    try {
      FileStatus status = path.getFileSystem(conf.get()).getFileStatus(path);
      return status.isFile();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  private static List<ProgressBoard.Part> parts(List<SequenceTask> tasks) {
    return tasks.stream()
        .map(task -> ProgressBoard.Part.of(task.recording(), task.segment()))
        .toList();
  }

  private static Set<String> keys(List<SequenceTask> tasks) {
    Set<String> keys = new HashSet<>();
    tasks.forEach(task -> keys.add(key(task)));
    return keys;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private static String key(SequenceTask task) {
    return SegmentCommit.key(task.recording().id(), task.segment().index());
  }

  private static String key(SegmentCommit commit) {
    return SegmentCommit.key(commit.recordingId(), commit.segment());
  }

  /**
   * One recording's sequence as the driver plans its tracking: keys, flow breaks and the keys'
   * spans.
   */
  private final class SequencePlan {
    private final SequenceTask task;
    private final List<Integer> keys = new ArrayList<>();
    private final TreeSet<Integer> breaks = new TreeSet<>();
    private Map<Integer, KeySpan> spans = new HashMap<>();

    SequencePlan(SequenceTask task) {
      this.task = task;
    }

    /**
     * The track files of the keys whose spans cover a frame of {@code segment}, one per noise
     * radius.
     */
    List<RenderTask.TrackRef> tracksOver(SegmentPlan segment) {
      KeptFrames kept = segment.kept();
      List<RenderTask.TrackRef> refs = new ArrayList<>();
      spans.forEach(
          (key, span) -> {
            if (span.first() <= kept.lastNumber() && span.last() >= kept.firstNumber()) {
              for (float radius : guides.radii()) {
                refs.add(new RenderTask.TrackRef(key, Passes.radiusName(radius)));
              }
            }
          });
      return refs;
    }

    KeyTask keyTask(RenderTask.TrackRef ref) {
      float radius =
          guides.radii().stream()
              .filter(r -> Passes.radiusName(r).equals(ref.radiusName()))
              .findFirst()
              .orElseThrow();
      return new KeyTask(task.recording(), task.length(), ref.key(), spans.get(ref.key()), radius);
    }
  }
}
