package org.stylepipe.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.ErrorRow;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.HadoopConf;
import org.stylepipe.output.OutputGuard;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.progress.ProgressBoard;
import org.stylepipe.progress.StageProgress;
import org.stylepipe.storage.StoragePreflight;

/**
 * The dataset job: probe and plan the recordings, then one Spark task per segment carries its frames from
 * decode to written images and the segment's manifest file; only counts and errors come back to the driver,
 * which writes the errors table, the summary and {@code _SUCCESS} last.
 */
public final class DatasetJob {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DatasetJob() {}

  public static DatasetSummary run(DatasetConfig config, SparkSession spark) throws IOException {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    StoragePreflight.check(config.inputs(), config.output(), hadoop);
    OutputLayout layout = new OutputLayout(qualify(config.output(), hadoop));
    LOG.info("Dataset job: {}", config);
    boolean resume = new OutputGuard(layout, hadoop).prepare(config.fingerprint(), config.overwrite());
    Map<String, SegmentCommit> committed =
        resume ? SegmentCommit.readAll(layout.manifest(), hadoop) : Map.of();
    jsc.setJobGroup("stylepipe-dataset", "stylepipe dataset -> " + layout.root(), false);

    IngestStage.Result ingest = IngestStage.run(jsc, config.inputs(), config.segmentMicros());
    List<ErrorRow> errors = new ArrayList<>(ingest.errors());
    List<SegmentTask> tasks = new ArrayList<>();
    List<SegmentCommit> commits = new ArrayList<>();
    int segments = 0;
    for (RecordingPlan plan : ingest.plans()) {
      if (plan.warning() != null) {
        errors.add(new ErrorRow(plan.recording().uri(), plan.recording().id(), "probe", -1, plan.warning()));
      }
      for (SegmentPlan segment : plan.segments()) {
        segments++;
        SegmentCommit done = committed.get(SegmentCommit.key(plan.recording().id(), segment.index()));
        if (done != null) {
          commits.add(done);
        } else {
          tasks.add(new SegmentTask(plan.recording(), segment));
        }
      }
    }
    if (resume) {
      LOG.info("Resuming {}: {} of {} segments already committed, {} to process",
          layout.root(), commits.size(), segments, tasks.size());
    }

    if (!tasks.isEmpty()) {
      long extractStarted = System.nanoTime();
      jsc.setJobDescription("stylepipe: extract " + tasks.size() + " segments");
      List<ProgressBoard.Part> parts =
          tasks.stream().map(task -> ProgressBoard.Part.of(task.recording(), task.segment())).toList();
      List<SegmentOutcome> outcomes;
      try (StageProgress progress = StageProgress.start(jsc, "dataset", parts)) {
        outcomes = progress.collect(jsc.parallelize(tasks, tasks.size())
            .map(new ExtractFunction(
                config.frames(), layout, new HadoopConf(hadoop), FaultInjection.from(jsc), progress.frames())));
      }
      long taskNanos = 0;
      long decoded = 0;
      for (SegmentOutcome outcome : outcomes) {
        commits.add(outcome.commit());
        taskNanos += outcome.nanos();
        decoded += outcome.commit().framesDecoded();
      }
      double seconds = (System.nanoTime() - extractStarted) / 1e9;
      LOG.info(
          "Extracted {} segments: {} frames decoded in {} s ({} frames/s; {} s in tasks)",
          tasks.size(), decoded, round(seconds), round(decoded / seconds), round(taskNanos / 1e9));
    }
    long framesDecoded = 0;
    long imagesWritten = 0;
    commits.sort(Comparator.comparing(SegmentCommit::recordingId).thenComparing(SegmentCommit::segment));
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
            tasks.size(),
            framesDecoded,
            imagesWritten,
            errors,
            ingest.plans(),
            (System.nanoTime() - started) / 1e9);
    store.write(layout.summary(), JSON.writeValueAsBytes(summary.toMap()));
    store.write(layout.successMarker(), new byte[0]);
    jsc.clearJobGroup();
    return summary;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }



  private static String qualify(String output, Configuration hadoop) throws IOException {
    Path path = new Path(output);
    return path.getFileSystem(hadoop).makeQualified(path).toString();
  }
}
