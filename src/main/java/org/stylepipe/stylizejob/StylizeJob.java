package org.stylepipe.stylizejob;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.config.Sampling;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.flicker.FlickerJob;
import org.stylepipe.flicker.FlickerOutcome;
import org.stylepipe.flicker.FlickerPair;
import org.stylepipe.flicker.FlickerResult;
import org.stylepipe.flicker.FlickerRow;
import org.stylepipe.flicker.FlickerSeries;
import org.stylepipe.flicker.FlickerStage;
import org.stylepipe.flicker.FlickerSummary;
import org.stylepipe.flicker.RecordingFlicker;
import org.stylepipe.flicker.WarpStats;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.JobKind;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.output.StylizedCommit;
import org.stylepipe.output.StylizedRow;
import org.stylepipe.report.ContactSheet;
import org.stylepipe.report.JobReport;
import org.stylepipe.report.Preview;
import org.stylepipe.report.ReportFiles;
import org.stylepipe.report.RunLog;
import org.stylepipe.report.StylizedSamples;
import org.stylepipe.report.StylizedSegment;
import org.stylepipe.report.VideoReview;
import org.stylepipe.storage.OutputPlacement;
import org.stylepipe.storage.StoragePreflight;
import org.stylepipe.stylize.EngineChoice;
import org.stylepipe.video.H264Rate;
import org.stylepipe.video.VideoEncoder;

/**
 * The stylize job: probe and plan the recordings; the {@link StylizeStage} stylizes each segment
 * into its segment video and commits it with its manifest file; the {@link JoinStage} joins each
 * recording's segment videos, with the source's audio; with {@code --flicker}, the flicker stage
 * then measures each joined video against its source. The errors, summary and report are written
 * after all videos, and {@code _SUCCESS} last.
 *
 * <p>With {@code --guide noise} a few-shot model gets each frame's own noise guide: from a few-shot
 * dataset ({@code --dataset}, read and checked on the driver by {@link FewShotDataset}), or, for
 * recordings, made first by the dataset job's few-shot stage into a work folder ({@link
 * RecordingGuides}); the stylize stage then runs a task per segment of each sequence ({@link
 * GuidedStylizer}) and the join stage joins each sequence's segment videos.
 *
 * <p>{@link #prepare} reads the model once on the driver, wherever {@code --model} points, and
 * checks it by loading it, before Spark does any work ({@link ModelCheck}); the stylize stage ships
 * it to the executors ({@link ShippedModel}). Before anything is written, the job checks that its
 * inputs and output can be reached ({@link StoragePreflight}), that a local output is not written
 * from a cluster ({@link OutputPlacement}), and what becomes of an existing output ({@link
 * OutputClaim}): made with the same options and model, it is resumed, skipping the segments
 * committed before; otherwise it is refused unless {@code --overwrite true}.
 */
public final class StylizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final StylizeConfig config;
  private final ShippedModel model;
  private FewShotDataset.Contents dataset;

  private StylizeJob(StylizeConfig config, ShippedModel model) {
    this.config = config;
    this.model = model;
  }

  /**
   * Reads and checks the model on the driver ({@link ModelCheck}), with the options, before Spark
   * does any work, and picks its engine ({@code --engine}, {@link EngineChoice}).
   *
   * @param hadoop the Hadoop configuration that reaches the model's store
   * @throws JobRefusedException naming the model and the reason
   */
  public static StylizeJob prepare(StylizeConfig config, Configuration hadoop) {
    StylizeSettings settings = config.settings();
    return new StylizeJob(
        config,
        ModelCheck.load(
            config.model(),
            hadoop,
            config.modelSha256(),
            settings.half(),
            settings.guide(),
            settings.modelThreads(),
            "noise (each frame's noise guide) or black (an all-black one)",
            new EngineChoice(config.engine())));
  }

  /** Prepares and runs the job. */
  public static StylizeSummary run(StylizeConfig config, SparkSession spark) throws IOException {
    return prepare(config, spark.sparkContext().hadoopConfiguration()).run(spark);
  }

  /** The model as the driver read and checked it. */
  public ShippedModel model() {
    return model;
  }

  /** Claims the output and runs the job. */
  public StylizeSummary run(SparkSession spark) throws IOException {
    try (OutputClaim claim =
        claim(spark.sparkContext().hadoopConfiguration(), spark.sparkContext().master())) {
      return run(spark, claim);
    }
  }

  /**
   * Checks the storage and claims the output ({@link OutputClaim}), before Spark starts; {@code
   * master} is the Spark master the job will run on ({@link OutputPlacement}). The options the
   * output is claimed with name the model by its SHA-256, so an output made with another model is
   * refused, and one made with the same model from elsewhere is resumed. A few-shot dataset ({@code
   * --dataset}) is read and checked first, so a bad one is refused before anything is written.
   *
   * @throws JobRefusedException if the dataset or the output is refused or another run writes it
   */
  public OutputClaim claim(Configuration hadoop, String master) throws IOException {
    OutputLayout layout = layout(hadoop);
    OutputPlacement.check(layout.root(), master, config.sharedMount(), StylizeConfig.SHARED_MOUNT);
    readDataset(hadoop);
    StoragePreflight.check(config.inputs(), config.output(), hadoop);
    return OutputClaim.take(
        layout,
        JobKind.STYLIZE,
        config.fingerprint(model.file().sha256(), model.spec().format().engine()),
        config.overwrite(),
        hadoop);
  }

  /**
   * The few-shot dataset's sequences ({@code --dataset}), read and checked once; null for
   * recordings.
   *
   * @throws JobRefusedException naming the dataset and what is wrong with it
   */
  private FewShotDataset.Contents readDataset(Configuration hadoop) throws IOException {
    if (dataset == null && config.dataset() != null) {
      Path root = new Path(config.dataset());
      StoragePreflight.checkReadable(config.dataset(), root, hadoop);
      try {
        dataset =
            new FewShotDataset(root.getFileSystem(hadoop).makeQualified(root).toString(), hadoop)
                .read(
                    config.guideVariant(), config.originalSequences(), config.mirroredSequences());
      } catch (JobRefusedException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new JobRefusedException(e.getMessage(), e);
      }
    }
    return dataset;
  }

  private OutputLayout layout(Configuration hadoop) throws IOException {
    Path root = new Path(config.output());
    return new OutputLayout(root.getFileSystem(hadoop).makeQualified(root).toString());
  }

  /** Runs the job into the output {@code claim} holds. */
  public StylizeSummary run(SparkSession spark, OutputClaim claim) throws IOException {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    OutputLayout layout = layout(hadoop);
    LOG.info("Stylize job: {}", config);
    boolean resume = claim.resume();
    jsc.setJobGroup("stylepipe-stylize", "stylepipe stylize -> " + layout.root(), false);

    RunLog log = new RunLog();
    FewShotDataset.Contents sequences = readDataset(hadoop);
    GuideSettings noiseGuides = config.noiseGuides();
    long probeStarted = System.nanoTime();
    IngestStage.Result ingest =
        IngestStage.run(
            jsc,
            sequences != null ? sources(sequences) : config.inputs(),
            new PlanRule(
                config.segmentMicros(),
                Sampling.all(),
                noiseGuides == null ? 0 : noiseGuides.leadIn(),
                false,
                config.videoStream()));
    log.probe(probeStarted, ingest.plans(), ingest.errors());
    List<ErrorRow> errors = new ArrayList<>(ingest.errors());
    List<RecordingPlan> plans = new ArrayList<>();
    List<StylizeTask> tasks = new ArrayList<>();
    for (RecordingPlan plan : ingest.plans()) {
      if (plan.warning() != null) {
        errors.add(
            new ErrorRow(
                plan.recording().uri(), plan.recording().id(), "probe", -1, plan.warning()));
      }
      if (sequences != null) {
        plans.add(plan); // a sequence's source, probed for its sound
        continue;
      }
      List<StylizeTask> planned = tasks(plan);
      StylizeTask first = planned.isEmpty() ? null : planned.get(0);
      String unusable = tooSmall(first, layout);
      if (unusable == null) {
        unusable = tooLarge(first);
      }
      if (unusable != null) {
        errors.add(
            new ErrorRow(plan.recording().uri(), plan.recording().id(), "plan", -1, unusable));
      } else {
        plans.add(plan);
        tasks.addAll(planned);
      }
    }
    OutputLayout work = RecordingGuides.workFolder(layout);
    if (noiseGuides != null) {
      sequences = recordingGuides(jsc, plans, tasks, noiseGuides, work, resume, errors, log);
    }
    List<GuidedSegment> guided = guidedSegments(sequences, plans, errors);

    StylizeStage stage = new StylizeStage(jsc, config.settings(), model, layout, log);
    StylizeStage.Result stylized =
        sequences != null ? stage.runGuided(guided, resume) : stage.run(tasks, resume);
    for (StylizedCommit commit : stylized.commits()) {
      if (commit.error() != null) {
        errors.add(commit.error());
      }
    }
    errors.addAll(stylized.uncommitted());
    int segments = sequences != null ? guided.size() : tasks.size();
    if (segments > 0) {
      LOG.info(
          "Stylized with model {} (SHA-256 {}) on {}, frames per device: {}",
          model.file().uri(),
          model.file().sha256(),
          model.engine(),
          stylized.framesByDevice());
    }
    JoinStage.Result joined =
        sequences != null
            ? JoinStage.run(
                jsc,
                guidedJoins(guided, stylized.commits(), plans, noiseGuides != null, errors),
                layout,
                model.file(),
                log)
            : JoinStage.run(jsc, plans, tasks, stylized.commits(), layout, model.file(), log);
    errors.addAll(joined.errors());

    WarpStats flicker = null;
    List<FlickerSeries> flickerSeries = List.of();
    boolean measureSequences = config.dataset() != null && config.settings().writeFrames();
    if (config.flicker()
        && !joined.videos().isEmpty()
        && (config.dataset() == null || measureSequences)) {
      long flickerStart = System.nanoTime();
      FlickerResult measured =
          config.dataset() == null
              ? flicker(jsc, plans, joined.videos(), layout)
              : sequenceFlicker(jsc, guided, stylized.commits(), layout);
      errors.addAll(measured.errors());
      flicker = measured.overall();
      flickerSeries = measured.series();
      log.stage(
          FlickerStage.STAGE,
          flickerStart,
          flickerSeries.stream().mapToLong(f -> f.frameIndex().length).sum(),
          Map.of(
              "recordings",
              (long) flickerSeries.size(),
              "errors",
              (long) measured.errors().size()));
    }
    FileStore store = new FileStore(hadoop);
    store.write(layout.errorsFile(), ErrorRow.toParquet(errors));
    if (noiseGuides != null) {
      RecordingGuides.remove(jsc, work);
    }

    StylizeStage.Timings timings = stylized.timings();
    StylizeSummary summary =
        new StylizeSummary(
            layout.root(),
            model.file(),
            model.engine(),
            ingest.plans().size() + ErrorRow.recordingsConcerned(ingest.errors()),
            ErrorRow.recordingsConcerned(errors),
            segments,
            stylized.processed(),
            stylized.commits().stream().mapToLong(StylizedCommit::framesDecoded).sum(),
            stylized.commits().stream().mapToLong(StylizedCommit::framesStylized).sum(),
            joined.videos().size(),
            errors,
            stylized.framesByDevice(),
            flicker,
            (System.nanoTime() - started) / 1e9,
            timings.stageNanos() / 1e9,
            timings.taskNanos() / 1e9,
            timings.decodeNanos() / 1e9,
            timings.waitNanos() / 1e9,
            timings.inferNanos() / 1e9,
            timings.writeNanos() / 1e9);
    store.write(layout.stylizeSummary(), JSON.writeValueAsBytes(summary.toMap()));
    Map<String, Object> options = new LinkedHashMap<>(config.options());
    options.put(StylizeConfig.MODEL_SHA256, model.file().sha256());
    StylizedSamples sheets = new StylizedSamples(layout, hadoop);
    List<StylizedSegment> samples =
        sequences != null
            ? guidedSamples(guided, stylized.commits(), layout)
            : stylizedSegments(tasks, stylized.commits(), layout);
    ReportFiles.write(
        new JobReport(
            "stylize",
            layout.root(),
            Instant.now(),
            summary.wallSeconds(),
            config.inputs(),
            options,
            summary.totals(),
            log.stages(),
            log.executors(),
            errors,
            sheets.sheet(samples, ContactSheet.FRAMES),
            new VideoReview(flickerSeries, sheets.preview(samples, Preview.FRAMES))),
        layout,
        store);
    claim.finish();
    store.write(layout.successMarker(), new byte[0]);
    jsc.clearJobGroup();
    return summary;
  }

  /**
   * The segment tasks of a recording, at the size asked for or the source's rounded down to even
   * (for H.264).
   */
  private List<StylizeTask> tasks(RecordingPlan plan) {
    StylizeSettings settings = config.settings();
    int width = settings.width() > 0 ? settings.width() : Math.max(2, plan.width() & ~1);
    int height = settings.height() > 0 ? settings.height() : Math.max(2, plan.height() & ~1);
    H264Rate videoRate = settings.videoRate(width, height, plan.frameRate());
    List<StylizeTask> tasks = new ArrayList<>();
    for (SegmentPlan segment : plan.segments()) {
      tasks.add(
          new StylizeTask(
              plan.recording(),
              segment,
              width,
              height,
              plan.orientation().rotation(),
              plan.frameRate(),
              videoRate));
    }
    return tasks;
  }

  /**
   * Why the recording's frames cannot be encoded into its stylized video, or null if they can:
   * checked before any task, so frames too small for the encoder are never decoded.
   */
  private String tooSmall(StylizeTask task, OutputLayout layout) {
    if (task == null
        || !config.settings().video()
        || (task.width() >= VideoEncoder.MIN_SIDE && task.height() >= VideoEncoder.MIN_SIDE)) {
      return null;
    }
    return "Cannot encode "
        + task.width()
        + "x"
        + task.height()
        + " frames into "
        + layout.stylizedVideo(task.recording().id())
        + ": H.264 encoders take frames of at least "
        + VideoEncoder.MIN_SIDE
        + "x"
        + VideoEncoder.MIN_SIDE
        + " pixels; stylize at a larger --size";
  }

  /** Why the model cannot take a batch of the recording's frames, or null if it can. */
  private String tooLarge(StylizeTask task) {
    return task == null ? null : tooLarge(task.width(), task.height());
  }

  /** Why the model cannot take a batch of frames of this size, or null if it can. */
  private String tooLarge(int width, int height) {
    try {
      model.spec().checkedInputValues(config.settings().batchSize(), width, height);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * Measures the flicker of each joined video against its source, on the stylize job's segments;
   * writes {@code flicker/} and {@code _stylepipe/flicker-summary.json}.
   */
  private FlickerResult flicker(
      JavaSparkContext jsc,
      List<RecordingPlan> plans,
      List<StylizedRow> videos,
      OutputLayout layout)
      throws IOException {
    long started = System.nanoTime();
    Set<String> joined = videos.stream().map(StylizedRow::recordingId).collect(Collectors.toSet());
    List<FlickerPair> pairs =
        plans.stream()
            .filter(plan -> joined.contains(plan.recording().id()))
            .map(plan -> new FlickerPair(plan, layout.stylizedVideo(plan.recording().id())))
            .toList();
    FlickerResult result = FlickerStage.run(jsc, pairs, config.segmentMicros(), layout);
    FlickerJob.write(
        new FlickerSummary(
            layout.root(),
            pairs.size(),
            result,
            result.errors(),
            (System.nanoTime() - started) / 1e9),
        layout,
        jsc.hadoopConfiguration());
    return result;
  }

  /**
   * Makes the noise guides of the recordings of {@code tasks} ({@link RecordingGuides}) and returns
   * them as sequences named by recording id; recordings whose guides failed are left out, with
   * their errors. Resuming, the guides committed by the interrupted run are kept.
   */
  private FewShotDataset.Contents recordingGuides(
      JavaSparkContext jsc,
      List<RecordingPlan> plans,
      List<StylizeTask> tasks,
      GuideSettings noiseGuides,
      OutputLayout work,
      boolean resume,
      List<ErrorRow> errors,
      RunLog log)
      throws IOException {
    Configuration hadoop = jsc.hadoopConfiguration();
    if (!resume) {
      RecordingGuides.remove(jsc, work);
    }
    Map<String, int[]> sizes = new HashMap<>();
    tasks.forEach(t -> sizes.put(t.recording().id(), new int[] {t.width(), t.height()}));
    List<ErrorRow> failed =
        RecordingGuides.make(
            jsc, plans, sizes, noiseGuides, config.settings().decoderThreads(), work, log);
    errors.addAll(failed);
    Set<String> left = new HashSet<>();
    failed.forEach(e -> left.add(e.recordingId()));
    if (SegmentCommit.files(work.manifest(), hadoop).isEmpty()) {
      return new FewShotDataset.Contents(List.of(), config.guideVariant());
    }
    FewShotDataset.Contents made =
        new FewShotDataset(work.root(), hadoop)
            .sequences(config.guideVariant(), true, false)
            .byRecording();
    return new FewShotDataset.Contents(
        made.sequences().stream().filter(s -> !left.contains(s.sequence().name())).toList(),
        made.variant());
  }

  /**
   * The segments of each sequence, cut by {@code --segment-seconds}, written in the time base of
   * its source where it was probed; a sequence whose frames the model cannot take gets an error row
   * instead.
   */
  private List<GuidedSegment> guidedSegments(
      FewShotDataset.Contents sequences, List<RecordingPlan> sources, List<ErrorRow> errors) {
    List<GuidedSegment> guided = new ArrayList<>();
    if (sequences == null) {
      return guided;
    }
    Map<String, RecordingPlan> bySource = new HashMap<>();
    sources.forEach(plan -> bySource.put(plan.recording().uri(), plan));
    for (FewShotDataset.Sequence sequence : sequences.sequences()) {
      GuidedSequence q = sequence.sequence();
      RecordingPlan source = bySource.get(q.source());
      if (source != null) {
        q = q.withTimeBase(source.timeBase());
      }
      String tooLarge = tooLarge(q.width(), q.height());
      if (tooLarge != null) {
        errors.add(new ErrorRow(q.source(), q.name(), "plan", -1, tooLarge));
      } else {
        guided.addAll(GuidedSegment.plan(q, sequence.frames(), config.segmentMicros()));
      }
    }
    return guided;
  }

  /**
   * Measures each stylized sequence's PNG frames against the sequence's own frames, a task per
   * segment committed without error ({@link GuidedFlickerFunction}); writes {@code flicker/} and
   * {@code _stylepipe/flicker-summary.json}.
   */
  private FlickerResult sequenceFlicker(
      JavaSparkContext jsc,
      List<GuidedSegment> guided,
      List<StylizedCommit> commits,
      OutputLayout layout)
      throws IOException {
    long started = System.nanoTime();
    Configuration hadoop = jsc.hadoopConfiguration();
    Path folder = new Path(layout.flicker());
    folder.getFileSystem(hadoop).delete(folder, true);
    Set<String> complete = new HashSet<>();
    commits.stream()
        .filter(c -> c.error() == null)
        .forEach(c -> complete.add(SegmentCommit.key(c.recordingId(), c.segment())));
    List<GuidedSegment> measured =
        guided.stream()
            .filter(g -> complete.contains(SegmentCommit.key(g.sequence().name(), g.index())))
            .toList();
    jsc.setJobDescription("stylepipe: measure flicker of " + measured.size() + " segments");
    List<FlickerOutcome> outcomes =
        measured.isEmpty()
            ? List.of()
            : jsc.parallelize(measured, measured.size())
                .map(new GuidedFlickerFunction(layout, new HadoopConf(hadoop)))
                .collect();
    Map<String, List<FlickerRow>> rows = new TreeMap<>();
    Map<String, GuidedSequence> bySequence = new HashMap<>();
    List<ErrorRow> errors = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      GuidedSequence sequence = measured.get(i).sequence();
      bySequence.put(sequence.name(), sequence);
      rows.computeIfAbsent(sequence.name(), n -> new ArrayList<>()).addAll(outcomes.get(i).rows());
      if (outcomes.get(i).error() != null) {
        errors.add(outcomes.get(i).error());
      }
    }
    List<RecordingFlicker> recordings = new ArrayList<>();
    rows.forEach(
        (name, sequenceRows) -> {
          GuidedSequence sequence = bySequence.get(name);
          recordings.add(
              new RecordingFlicker(
                  name,
                  sequence.source(),
                  layout.stylizedVideo(name),
                  sequence.width(),
                  sequence.height(),
                  sequenceRows));
        });
    FlickerResult result = new FlickerResult(recordings, errors);
    FlickerJob.write(
        new FlickerSummary(
            layout.root(),
            recordings.size(),
            result,
            result.errors(),
            (System.nanoTime() - started) / 1e9),
        layout,
        hadoop);
    return result;
  }

  /** The source recordings of a dataset's sequences, each once (for their sound). */
  private static List<String> sources(FewShotDataset.Contents dataset) {
    return dataset.sequences().stream().map(s -> s.sequence().source()).distinct().toList();
  }

  /**
   * One join per sequence with committed segment videos, with the source's sound for an original
   * sequence whose source has sound ({@code fromRecordings}: the sequences are the recordings',
   * named by their ids); an original dataset sequence whose source cannot be probed gets an error
   * row and no sound.
   */
  private static List<JoinTask> guidedJoins(
      List<GuidedSegment> guided,
      List<StylizedCommit> commits,
      List<RecordingPlan> sources,
      boolean fromRecordings,
      List<ErrorRow> errors) {
    Map<String, RecordingPlan> bySource = new HashMap<>();
    sources.forEach(plan -> bySource.put(plan.recording().uri(), plan));
    Map<String, GuidedSegment> byKey = new HashMap<>();
    guided.forEach(g -> byKey.put(SegmentCommit.key(g.sequence().name(), g.index()), g));
    Map<String, List<StylizedCommit>> bySequence = new TreeMap<>();
    for (StylizedCommit commit : commits) {
      if (commit.video() != null) {
        bySequence.computeIfAbsent(commit.recordingId(), n -> new ArrayList<>()).add(commit);
      }
    }
    List<JoinTask> joins = new ArrayList<>();
    bySequence.forEach(
        (name, videos) -> {
          videos.sort((a, b) -> Integer.compare(a.segment(), b.segment()));
          GuidedSegment first = byKey.get(SegmentCommit.key(name, videos.get(0).segment()));
          GuidedSequence sequence = first.sequence();
          RecordingPlan source = bySource.get(sequence.source());
          if (!sequence.mirrored() && source == null && !fromRecordings) {
            errors.add(
                new ErrorRow(
                    sequence.source(),
                    name,
                    JoinStage.STAGE,
                    -1,
                    "the stylized video has no sound: its source cannot be probed"));
          }
          joins.add(
              new JoinTask(
                  new Recording(name, sequence.source()),
                  videos.stream().map(StylizedCommit::video).toList(),
                  first.first().frameIndex(),
                  first.first().ptsUs(),
                  sequence.width(),
                  sequence.height(),
                  0, // the dataset's frames, read as they are
                  !sequence.mirrored() && source != null && source.hasAudio()));
        });
    return joins;
  }

  /** The few-shot segments with stylized frames, for the report's samples. */
  private List<StylizedSegment> guidedSamples(
      List<GuidedSegment> guided, List<StylizedCommit> commits, OutputLayout layout) {
    Map<String, StylizedCommit> byKey = new HashMap<>();
    commits.forEach(c -> byKey.put(SegmentCommit.key(c.recordingId(), c.segment()), c));
    List<StylizedSegment> segments = new ArrayList<>();
    for (GuidedSegment segment : guided) {
      StylizedCommit commit =
          byKey.get(SegmentCommit.key(segment.sequence().name(), segment.index()));
      if (commit != null
          && (commit.video() != null
              || (config.settings().writeFrames() && commit.framesStylized() > 0))) {
        segments.add(
            new StylizedSegment(
                new Recording(segment.sequence().name(), segment.sequence().source()),
                new SegmentPlan(
                    segment.index(),
                    segment.first().ptsUs(),
                    segment.last().ptsUs() + 1,
                    segment.first().frameIndex(),
                    segment.frames().size(),
                    segment.first().ptsUs(),
                    segment.previousPtsUs()),
                commit.video() == null ? null : layout.resolve(commit.video())));
      }
    }
    return segments;
  }

  /**
   * The segments with stylized frames: in a segment video, or else (with --write-frames) in PNG
   * files.
   */
  private List<StylizedSegment> stylizedSegments(
      List<StylizeTask> tasks, List<StylizedCommit> commits, OutputLayout layout) {
    Map<String, StylizedCommit> byKey = new LinkedHashMap<>();
    commits.forEach(c -> byKey.put(c.recordingId() + "/" + c.segment(), c));
    List<StylizedSegment> segments = new ArrayList<>();
    for (StylizeTask task : tasks) {
      StylizedCommit commit = byKey.get(task.recording().id() + "/" + task.segment().index());
      if (commit != null
          && (commit.video() != null
              || (config.settings().writeFrames() && commit.framesStylized() > 0))) {
        segments.add(
            new StylizedSegment(
                task.recording(),
                task.segment(),
                commit.video() == null ? null : layout.resolve(commit.video())));
      }
    }
    return segments;
  }
}
