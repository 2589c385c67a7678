package org.stylepipe.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.fewshot.FewShotStage;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.JobKind;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.progress.ProgressBoard;
import org.stylepipe.progress.StageProgress;
import org.stylepipe.report.ContactSheet;
import org.stylepipe.report.DatasetSheet;
import org.stylepipe.report.JobReport;
import org.stylepipe.report.ReportFiles;
import org.stylepipe.report.RunLog;
import org.stylepipe.report.StageStats;
import org.stylepipe.storage.OutputPlacement;
import org.stylepipe.storage.StoragePreflight;

/**
 * The dataset job: probe and plan the recordings, then one Spark task per segment carries its
 * frames from decode to written images and the segment's manifest file; only counts and errors come
 * back to the driver, which writes the errors table, the summary, the report and {@code _SUCCESS}
 * last.
 */
public final class DatasetJob {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DatasetJob() {}

  /** Claims the output and runs the job. */
  public static DatasetSummary run(DatasetConfig config, SparkSession spark) throws IOException {
    try (OutputClaim claim =
        claim(config, spark.sparkContext().hadoopConfiguration(), spark.sparkContext().master())) {
      return run(config, spark, claim);
    }
  }

  /**
   * Checks the storage and claims the output ({@link OutputClaim}), before Spark starts; {@code
   * master} is the Spark master the job will run on ({@link OutputPlacement}).
   *
   * @throws org.stylepipe.common.JobRefusedException if the output is refused or another run writes
   *     it
   */
  public static OutputClaim claim(DatasetConfig config, Configuration hadoop, String master)
      throws IOException {
    if (config.keyframesFrom() != null) {
      checkFolder(config.keyframesFrom(), hadoop);
    }
    OutputLayout layout = new OutputLayout(qualify(config.output(), hadoop));
    OutputPlacement.check(layout.root(), master, config.sharedMount(), DatasetConfig.SHARED_MOUNT);
    StoragePreflight.check(config.inputs(), config.output(), hadoop);
    return OutputClaim.take(
        layout, JobKind.DATASET, config.fingerprint(), config.overwrite(), hadoop);
  }

  /** Runs the job into the output {@code claim} holds. */
  public static DatasetSummary run(DatasetConfig config, SparkSession spark, OutputClaim claim)
      throws IOException {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    OutputLayout layout = new OutputLayout(qualify(config.output(), hadoop));
    LOG.info("Dataset job: {}", config);
    boolean resume = claim.resume();
    jsc.setJobGroup("stylepipe-dataset", "stylepipe dataset -> " + layout.root(), false);

    GuideSettings guides = config.guides();
    RunLog log = new RunLog();
    long probeStarted = System.nanoTime();
    IngestStage.Result ingest =
        IngestStage.run(
            jsc,
            config.inputs(),
            new PlanRule(
                config.segmentMicros(),
                config.frames().sampling(),
                guides == null ? 0 : guides.leadIn(),
                true,
                config.videoStream()));
    log.probe(probeStarted, ingest.plans(), ingest.errors());
    List<ErrorRow> errors = new ArrayList<>(ingest.errors());
    int segments = 0;
    for (RecordingPlan plan : ingest.plans()) {
      if (plan.warning() != null) {
        errors.add(
            new ErrorRow(
                plan.recording().uri(), plan.recording().id(), "probe", -1, plan.warning()));
      }
      segments += plan.segments().size();
    }
    List<SegmentCommit> commits;
    int processed;
    if (guides != null) {
      FewShotStage.Result fewShot =
          new FewShotStage(jsc, config.frames(), guides, layout, log)
              .run(ingest.plans(), config.keyframesFrom());
      commits = new ArrayList<>(fewShot.commits());
      errors.addAll(fewShot.errors());
      processed = fewShot.segmentsProcessed();
    } else {
      commits = new ArrayList<>();
      processed = extractFrames(config, jsc, layout, ingest.plans(), resume, commits, log);
    }
    Map<String, Double> stageSeconds = new LinkedHashMap<>();
    for (StageStats stage : log.stages()) {
      if (!stage.name().equals("probe")) {
        stageSeconds.put(stage.name(), stage.seconds());
      }
    }
    if (resume) {
      LOG.info(
          "Resumed {}: {} of {} segments had been committed before",
          layout.root(),
          segments - processed,
          segments);
    }
    long framesDecoded = 0;
    long imagesWritten = 0;
    commits.sort(
        Comparator.comparing(SegmentCommit::recordingId).thenComparing(SegmentCommit::segment));
    for (SegmentCommit commit : commits) {
      framesDecoded += commit.framesDecoded();
      imagesWritten += commit.images();
      if (commit.error() != null) {
        errors.add(commit.error());
      }
    }

    FileStore store = new FileStore(hadoop);
    store.write(layout.errorsFile(), ErrorRow.toParquet(errors));
    DatasetSummary summary =
        new DatasetSummary(
            layout.root(),
            ingest.plans().size() + ErrorRow.recordingsConcerned(ingest.errors()),
            ErrorRow.recordingsConcerned(errors),
            segments,
            processed,
            framesDecoded,
            imagesWritten,
            errors,
            ingest.plans(),
            stageSeconds,
            (System.nanoTime() - started) / 1e9);
    store.write(layout.summary(), JSON.writeValueAsBytes(summary.toMap()));
    ReportFiles.write(
        new JobReport(
            "dataset",
            layout.root(),
            Instant.now(),
            summary.wallSeconds(),
            config.inputs(),
            config.options(),
            summary.totals(),
            log.stages(),
            log.executors(),
            errors,
            DatasetSheet.read(layout, hadoop, ContactSheet.FRAMES),
            null),
        layout,
        store);
    claim.finish();
    store.write(layout.successMarker(), new byte[0]);
    jsc.clearJobGroup();
    return summary;
  }

  /**
   * The frames layout: one task per segment not committed before carries its frames from decode to
   * written images and the segment's manifest file; adds every segment's commit to {@code commits}
   * and returns how many were processed.
   */
  private static int extractFrames(
      DatasetConfig config,
      JavaSparkContext jsc,
      OutputLayout layout,
      List<RecordingPlan> plans,
      boolean resume,
      List<SegmentCommit> commits,
      RunLog log)
      throws IOException {
    Configuration hadoop = jsc.hadoopConfiguration();
    Map<String, SegmentCommit> committed =
        resume ? SegmentCommit.readAll(layout.manifest(), hadoop) : Map.of();
    List<SegmentTask> tasks = new ArrayList<>();
    for (RecordingPlan plan : plans) {
      for (SegmentPlan segment : plan.segments()) {
        SegmentCommit done =
            committed.get(SegmentCommit.key(plan.recording().id(), segment.index()));
        if (done != null) {
          commits.add(done);
        } else {
          tasks.add(new SegmentTask(plan.recording(), segment));
        }
      }
    }
    if (!tasks.isEmpty()) {
      long extractStarted = System.nanoTime();
      jsc.setJobDescription("stylepipe: extract " + tasks.size() + " segments");
      List<ProgressBoard.Part> parts =
          tasks.stream()
              .map(task -> ProgressBoard.Part.of(task.recording(), task.segment()))
              .toList();
      List<SegmentOutcome> outcomes;
      try (StageProgress progress = StageProgress.start(jsc, "dataset", parts)) {
        outcomes =
            progress.collect(
                jsc.parallelize(tasks, tasks.size())
                    .map(
                        new ExtractFunction(
                            config.frames(),
                            layout,
                            new HadoopConf(hadoop),
                            FaultInjection.from(jsc),
                            progress.frames())));
      }
      long taskNanos = 0;
      long decoded = 0;
      for (SegmentOutcome outcome : outcomes) {
        commits.add(outcome.commit());
        taskNanos += outcome.nanos();
        decoded += outcome.commit().framesDecoded();
        log.task("extract", outcome.place(), outcome.commit().framesDecoded(), outcome.nanos());
      }
      log.stage(
          "extract",
          extractStarted,
          decoded,
          Map.of(
              "segments",
              (long) outcomes.size(),
              "images_written",
              outcomes.stream().mapToLong(o -> o.commit().images()).sum(),
              "segments_with_errors",
              outcomes.stream().filter(o -> o.commit().error() != null).count()));
      double seconds = (System.nanoTime() - extractStarted) / 1e9;
      LOG.info(
          "Extracted {} segments: {} frames decoded in {} s ({} frames/s; {} s in tasks)",
          tasks.size(),
          decoded,
          round(seconds),
          round(decoded / seconds),
          round(taskNanos / 1e9));
    }
    return tasks.size();
  }

  /** Throws naming {@code folder} unless it is a readable folder. */
  private static void checkFolder(String folder, Configuration hadoop) throws IOException {
    Path path = new Path(folder);
    try {
      if (!path.getFileSystem(hadoop).getFileStatus(path).isDirectory()) {
        throw new JobRefusedException(
            "Cannot read painted keyframes from " + folder + ": it is not a folder");
      }
    } catch (FileNotFoundException e) {
      throw new JobRefusedException(
          "Cannot read painted keyframes from " + folder + ": it does not exist");
    } catch (AccessDeniedException e) {
      throw new JobRefusedException(
          "Cannot read painted keyframes from " + folder + ": " + e.getMessage());
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static String qualify(String output, Configuration hadoop) throws IOException {
    Path path = new Path(output);
    return path.getFileSystem(hadoop).makeQualified(path).toString();
  }
}
