package org.stylepipe.stylizejob;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
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
import org.stylepipe.output.StylizedRow;
import org.stylepipe.progress.ProgressBoard;
import org.stylepipe.progress.StageProgress;
import org.stylepipe.report.ContactSheet;
import org.stylepipe.report.JobReport;
import org.stylepipe.report.Preview;
import org.stylepipe.report.ReportFiles;
import org.stylepipe.report.RunLog;
import org.stylepipe.report.StylizedSamples;
import org.stylepipe.report.StylizedSegment;
import org.stylepipe.report.VideoReview;
import org.stylepipe.stylize.ModelLoader;

/**
 * The stylize job: probe and plan the recordings, then one Spark task per segment carries its
 * frames from decode through batched inference to an H.264 segment video; one task per recording
 * joins them, with the source's audio, by packet copy. Only manifest rows come back. With {@code
 * --flicker}, the flicker stage then measures each joined video against its source. The manifest,
 * errors, summary and report are written after all videos, and {@code _SUCCESS} last.
 *
 * <p>{@link #prepare} checks the model on the driver, by loading it once, before Spark does any
 * work.
 */
public final class StylizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(StylizeJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final StylizeConfig config;
  private final ModelLoader model;

  private StylizeJob(StylizeConfig config, ModelLoader model) {
    this.config = config;
    this.model = model;
  }

  /**
   * Checks the options and the model on the driver ({@link ModelCheck}), before Spark does any
   * work.
   *
   * @throws IllegalArgumentException naming the model file and the reason
   */
  public static StylizeJob prepare(StylizeConfig config) {
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
            settings.half(),
            settings.guide(),
            settings.modelThreads(),
            "black to give it a black one (noise guides come with a few-shot dataset)"));
  }

  /** Prepares and runs the job. */
  public static StylizeSummary run(StylizeConfig config, SparkSession spark) throws IOException {
    return prepare(config).run(spark);
  }

  /** Claims the output and runs the job. */
  public StylizeSummary run(SparkSession spark) throws IOException {
    try (OutputClaim claim = claim(spark.sparkContext().hadoopConfiguration())) {
      return run(spark, claim);
    }
  }

  /**
   * Claims the output ({@link OutputClaim}), before Spark starts.
   *
   * @throws IllegalArgumentException if the output is refused or another run writes it
   */
  public OutputClaim claim(Configuration hadoop) throws IOException {
    return OutputClaim.take(
        layout(hadoop), JobKind.STYLIZE, config.fingerprint(), config.overwrite(), hadoop);
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
    String modelName = config.model().getFileName().toString();
    LOG.info("Stylize job: {}", config);
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
    List<StylizeTask> tasks = new ArrayList<>();
    for (RecordingPlan plan : ingest.plans()) {
      if (plan.warning() != null) {
        errors.add(
            new ErrorRow(
                plan.recording().uri(), plan.recording().id(), "probe", -1, plan.warning()));
      }
      tasks.addAll(tasks(plan));
    }

    Totals totals = new Totals();
    List<StylizedRow> videoRows = new ArrayList<>();
    Dataset<Row> manifest = spark.createDataFrame(List.of(), StylizedRow.SCHEMA);
    JavaRDD<StylizeOutcome> outcomes = null;
    List<StylizedSegment> stylized = new ArrayList<>();
    if (!tasks.isEmpty()) {
      jsc.setJobDescription("stylepipe: stylize " + tasks.size() + " segments");
      long stageStart = System.nanoTime();
      HadoopConf conf = new HadoopConf(hadoop);
      List<ProgressBoard.Part> parts =
          tasks.stream()
              .map(task -> ProgressBoard.Part.of(task.recording(), task.segment()))
              .toList();
      List<StylizeOutcome> results;
      try (StageProgress progress = StageProgress.start(jsc, "stylize", parts)) {
        outcomes =
            jsc.parallelize(tasks, tasks.size())
                .map(new StylizeFunction(config.settings(), model, layout, conf, progress.frames()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        results = progress.collect(outcomes.map(StylizeOutcome::withoutRows));
      }
      totals.stylizeNanos = System.nanoTime() - stageStart;
      for (StylizeOutcome outcome : results) {
        totals.add(outcome);
        log.task("stylize", outcome.place(), outcome.framesStylized(), outcome.nanos());
        if (outcome.error() != null) {
          errors.add(outcome.error());
        }
      }
      log.stage(
          "stylize",
          stageStart,
          totals.stylized,
          Map.of(
              "segments",
              (long) results.size(),
              "frames_decoded",
              totals.decoded,
              "frames_stylized",
              totals.stylized,
              "segments_with_errors",
              results.stream().filter(r -> r.error() != null).count()));
      stylized.addAll(stylizedSegments(tasks, results));
      List<JoinTask> joins = joins(ingest.plans(), tasks, results);
      if (!joins.isEmpty()) {
        jsc.setJobDescription("stylepipe: join " + joins.size() + " videos");
        long joinStart = System.nanoTime();
        for (JoinOutcome joined :
            jsc.parallelize(joins, joins.size())
                .map(new JoinFunction(layout, conf, modelName))
                .collect()) {
          log.task(
              "join",
              joined.place(),
              joined.row() == null ? 0 : joined.row().frames(),
              joined.nanos());
          if (joined.row() != null) {
            videoRows.add(joined.row());
          }
          if (joined.error() != null) {
            errors.add(joined.error());
          }
        }
        log.stage(
            "join",
            joinStart,
            videoRows.stream().mapToLong(StylizedRow::frames).sum(),
            Map.of("videos", (long) joins.size(), "joined", (long) videoRows.size()));
      }
      manifest = spark.createDataFrame(outcomes.flatMap(new ManifestRows()), StylizedRow.SCHEMA);
    }
    WarpStats flicker = null;
    List<FlickerSeries> flickerSeries = List.of();
    if (config.flicker() && !videoRows.isEmpty()) {
      long flickerStart = System.nanoTime();
      FlickerResult measured = flicker(jsc, ingest.plans(), videoRows, layout);
      errors.addAll(measured.errors());
      flicker = measured.overall();
      flickerSeries = measured.series();
      log.stage(
          "flicker",
          flickerStart,
          flickerSeries.stream().mapToLong(f -> f.frameIndex().length).sum(),
          Map.of(
              "recordings",
              (long) flickerSeries.size(),
              "errors",
              (long) measured.errors().size()));
    }
    try {
      jsc.setJobDescription("stylepipe: write manifest");
      manifest
          .union(
              spark.createDataFrame(
                  videoRows.stream().map(StylizedRow::toRow).toList(), StylizedRow.SCHEMA))
          .repartition(Math.max(1, ingest.plans().size()), col("recording_id"))
          .sortWithinPartitions("kind", "segment", "frame_index")
          .write()
          .mode(SaveMode.Overwrite)
          .partitionBy("recording_id")
          .parquet(layout.manifest());
    } finally {
      if (outcomes != null) {
        outcomes.unpersist(false);
      }
    }
    new FileStore(hadoop).write(layout.errorsFile(), ErrorRow.toParquet(errors));

    StylizeSummary summary =
        totals.summary(
            layout.root(),
            config.model().toString(),
            ingest.plans().size() + ErrorRow.recordingsConcerned(ingest.errors()),
            ErrorRow.recordingsConcerned(errors),
            tasks.size(),
            videoRows.size(),
            errors,
            flicker,
            (System.nanoTime() - started) / 1e9);
    FileStore store = new FileStore(hadoop);
    store.write(layout.stylizeSummary(), JSON.writeValueAsBytes(summary.toMap()));
    StylizedSamples samples = new StylizedSamples(layout, hadoop);
    ReportFiles.write(
        new JobReport(
            "stylize",
            layout.root(),
            Instant.now(),
            summary.wallSeconds(),
            config.inputs(),
            config.options(),
            summary.totals(),
            log.stages(),
            log.executors(),
            errors,
            samples.sheet(stylized, ContactSheet.FRAMES),
            new VideoReview(flickerSeries, samples.preview(stylized, Preview.FRAMES))),
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

  /** One join per recording with segment videos, over those videos in time order. */
  private static List<JoinTask> joins(
      List<RecordingPlan> plans, List<StylizeTask> tasks, List<StylizeOutcome> results) {
    Map<String, StylizeTask> byVideo = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (results.get(i).video() != null) {
        byVideo.put(results.get(i).video(), tasks.get(i));
      }
    }
    List<JoinTask> joins = new ArrayList<>();
    for (RecordingPlan plan : plans) {
      String id = plan.recording().id();
      List<StylizeOutcome> videos =
          results.stream()
              .filter(r -> r.recordingId().equals(id) && r.video() != null)
              .sorted((a, b) -> Integer.compare(a.segment(), b.segment()))
              .toList();
      if (!videos.isEmpty()) {
        StylizeTask first = byVideo.get(videos.get(0).video());
        joins.add(
            new JoinTask(
                plan.recording(),
                videos.stream().map(StylizeOutcome::video).toList(),
                first.segment().firstFrameIndex(),
                first.segment().firstPtsUs(),
                first.width(),
                first.height(),
                plan.hasAudio()));
      }
    }
    return joins;
  }

  /**
   * The segments with stylized frames: in a segment video, or else (with --write-frames) in PNG
   * files.
   */
  private List<StylizedSegment> stylizedSegments(
      List<StylizeTask> tasks, List<StylizeOutcome> results) {
    List<StylizedSegment> segments = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      StylizeOutcome result = results.get(i);
      if (result.video() != null
          || (config.settings().writeFrames() && result.framesStylized() > 0)) {
        segments.add(
            new StylizedSegment(tasks.get(i).recording(), tasks.get(i).segment(), result.video()));
      }
    }
    return segments;
  }

  /** Executor function: the manifest rows of a segment outcome, as Spark rows. */
  private static final class ManifestRows implements FlatMapFunction<StylizeOutcome, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(StylizeOutcome outcome) {
      return outcome.rows().stream().map(StylizedRow::toRow).iterator();
    }
  }

  /** Counts and times summed over segment outcomes. */
  private static final class Totals {
    private long stylizeNanos;
    private long decoded;
    private long stylized;
    private long taskNanos;
    private long decodeNanos;
    private long waitNanos;
    private long inferNanos;
    private long writeNanos;
    private final Map<String, Long> byDevice = new HashMap<>();

    void add(StylizeOutcome outcome) {
      decoded += outcome.framesDecoded();
      stylized += outcome.framesStylized();
      taskNanos += outcome.nanos();
      decodeNanos += outcome.decodeNanos();
      waitNanos += outcome.waitNanos();
      inferNanos += outcome.inferNanos();
      writeNanos += outcome.writeNanos();
      byDevice.merge(outcome.device(), outcome.framesStylized(), Long::sum);
    }

    StylizeSummary summary(
        String output,
        String model,
        int recordings,
        int withErrors,
        int segments,
        int videos,
        List<ErrorRow> errors,
        WarpStats flicker,
        double wallSeconds) {
      return new StylizeSummary(
          output,
          model,
          recordings,
          withErrors,
          segments,
          decoded,
          stylized,
          videos,
          errors,
          byDevice,
          flicker,
          wallSeconds,
          stylizeNanos / 1e9,
          taskNanos / 1e9,
          decodeNanos / 1e9,
          waitNanos / 1e9,
          inferNanos / 1e9,
          writeNanos / 1e9);
    }
  }
}
