package org.stylepipe.stylizejob;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.GuideMode;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.flicker.FlickerJob;
import org.stylepipe.flicker.FlickerPair;
import org.stylepipe.flicker.FlickerResult;
import org.stylepipe.flicker.FlickerSeries;
import org.stylepipe.flicker.FlickerStage;
import org.stylepipe.flicker.FlickerSummary;
import org.stylepipe.flicker.WarpStats;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.JobKind;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.output.OutputLayout;
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

/**
 * The stylize job: probe and plan the recordings; the {@link StylizeStage} stylizes each segment
 * into its segment video and commits it with its manifest file; the {@link JoinStage} joins each
 * recording's segment videos, with the source's audio; with {@code --flicker}, the flicker stage
 * then measures each joined video against its source. The errors, summary and report are written
 * after all videos, and {@code _SUCCESS} last.
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

  private StylizeJob(StylizeConfig config, ShippedModel model) {
    this.config = config;
    this.model = model;
  }

  /**
   * Reads and checks the model on the driver ({@link ModelCheck}), with the options, before Spark
   * does any work.
   *
   * @param hadoop the Hadoop configuration that reaches the model's store
   * @throws JobRefusedException naming the model and the reason
   */
  public static StylizeJob prepare(StylizeConfig config, Configuration hadoop) {
    StylizeSettings settings = config.settings();
    if (settings.guide() == GuideMode.NOISE) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + StylizeConfig.GUIDE
              + " noise on recordings: noise guides"
              + " come with a few-shot dataset (its keyframes are stylized by stylepipe stylize-keyframes)");
    }
    return new StylizeJob(
        config,
        ModelCheck.load(
            config.model(),
            hadoop,
            config.modelSha256(),
            settings.half(),
            settings.guide(),
            settings.modelThreads(),
            "black to give it a black one (noise guides come with a few-shot dataset)"));
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
   * refused, and one made with the same model from elsewhere is resumed.
   *
   * @throws JobRefusedException if the output is refused or another run writes it
   */
  public OutputClaim claim(Configuration hadoop, String master) throws IOException {
    OutputLayout layout = layout(hadoop);
    OutputPlacement.check(layout.root(), master, config.sharedMount(), StylizeConfig.SHARED_MOUNT);
    StoragePreflight.check(config.inputs(), config.output(), hadoop);
    return OutputClaim.take(
        layout,
        JobKind.STYLIZE,
        config.fingerprint(model.file().sha256()),
        config.overwrite(),
        hadoop);
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
    long probeStarted = System.nanoTime();
    IngestStage.Result ingest =
        IngestStage.run(
            jsc,
            config.inputs(),
            PlanRule.segments(config.segmentMicros()).withVideoStream(config.videoStream()));
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
      List<StylizeTask> planned = tasks(plan);
      String tooLarge = tooLarge(planned);
      if (tooLarge != null) {
        errors.add(
            new ErrorRow(plan.recording().uri(), plan.recording().id(), "plan", -1, tooLarge));
      } else {
        plans.add(plan);
        tasks.addAll(planned);
      }
    }

    StylizeStage.Result stylized =
        new StylizeStage(jsc, config.settings(), model, layout, log).run(tasks, resume);
    for (StylizedCommit commit : stylized.commits()) {
      if (commit.error() != null) {
        errors.add(commit.error());
      }
    }
    errors.addAll(stylized.uncommitted());
    if (!tasks.isEmpty()) {
      LOG.info(
          "Stylized with model {} (SHA-256 {}) on {}, frames per device: {}",
          model.file().uri(),
          model.file().sha256(),
          model.engine(),
          stylized.framesByDevice());
    }
    JoinStage.Result joined =
        JoinStage.run(jsc, plans, tasks, stylized.commits(), layout, model.file(), log);
    errors.addAll(joined.errors());

    WarpStats flicker = null;
    List<FlickerSeries> flickerSeries = List.of();
    if (config.flicker() && !joined.videos().isEmpty()) {
      long flickerStart = System.nanoTime();
      FlickerResult measured = flicker(jsc, plans, joined.videos(), layout);
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

    StylizeStage.Timings timings = stylized.timings();
    StylizeSummary summary =
        new StylizeSummary(
            layout.root(),
            model.file(),
            model.engine(),
            ingest.plans().size() + ErrorRow.recordingsConcerned(ingest.errors()),
            ErrorRow.recordingsConcerned(errors),
            tasks.size(),
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
    StylizedSamples samples = new StylizedSamples(layout, hadoop);
    List<StylizedSegment> segments = stylizedSegments(tasks, stylized.commits(), layout);
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
            samples.sheet(segments, ContactSheet.FRAMES),
            new VideoReview(flickerSeries, samples.preview(segments, Preview.FRAMES))),
        layout,
        store);
    claim.checkHeld();
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
    long bitRate = settings.bitRate(width, height, plan.frameRate());
    List<StylizeTask> tasks = new ArrayList<>();
    for (SegmentPlan segment : plan.segments()) {
      tasks.add(
          new StylizeTask(plan.recording(), segment, width, height, plan.frameRate(), bitRate));
    }
    return tasks;
  }

  /** Why the model cannot take a batch of the recording's frames, or null if it can. */
  private String tooLarge(List<StylizeTask> tasks) {
    if (tasks.isEmpty()) {
      return null;
    }
    StylizeTask task = tasks.get(0);
    try {
      model.spec().checkedInputValues(config.settings().batchSize(), task.width(), task.height());
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
