package org.stylepipe.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
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
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.ParquetBytes;

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
    OutputLayout layout = new OutputLayout(qualify(config.output(), hadoop));
    LOG.info("Dataset job: {}", config);
    // A reader must not take the previous run's dataset for complete while this run rewrites it, and a manifest
    // file of a segment this run does not have must not survive.
    delete(layout.successMarker(), hadoop);
    delete(layout.manifest(), hadoop);
    delete(layout.errors(), hadoop);
    jsc.setJobGroup("stylepipe-dataset", "stylepipe dataset -> " + layout.root(), false);

    IngestStage.Result ingest = IngestStage.run(jsc, config.inputs(), config.segmentMicros());
    List<ErrorRow> errors = new ArrayList<>(ingest.errors());
    List<SegmentTask> tasks = new ArrayList<>();
    for (RecordingPlan plan : ingest.plans()) {
      if (plan.warning() != null) {
        errors.add(new ErrorRow(plan.recording().uri(), plan.recording().id(), "probe", -1, plan.warning()));
      }
      for (SegmentPlan segment : plan.segments()) {
        tasks.add(new SegmentTask(plan.recording(), segment));
      }
    }

    long framesDecoded = 0;
    long imagesWritten = 0;
    if (!tasks.isEmpty()) {
      long extractStarted = System.nanoTime();
      jsc.setJobDescription("stylepipe: extract " + tasks.size() + " segments");
      List<SegmentOutcome> outcomes =
          jsc.parallelize(tasks, tasks.size())
              .map(new ExtractFunction(config.frames(), layout, new HadoopConf(hadoop)))
              .collect();
      long taskNanos = 0;
      for (SegmentOutcome outcome : outcomes) {
        framesDecoded += outcome.framesDecoded();
        imagesWritten += outcome.images();
        taskNanos += outcome.nanos();
        if (outcome.error() != null) {
          errors.add(outcome.error());
        }
      }
      double seconds = (System.nanoTime() - extractStarted) / 1e9;
      LOG.info(
          "Extracted {} segments: {} frames decoded, {} images written in {} s ({} frames/s; {} s in tasks)",
          tasks.size(), framesDecoded, imagesWritten, round(seconds), round(framesDecoded / seconds),
          round(taskNanos / 1e9));
    }

    FileStore store = new FileStore(hadoop);
    SimpleGroupFactory factory = new SimpleGroupFactory(ErrorRow.SCHEMA);
    store.write(
        layout.errorsFile(),
        ParquetBytes.encode(ErrorRow.SCHEMA, errors.stream().map(e -> e.toGroup(factory)).toList()));
    DatasetSummary summary =
        new DatasetSummary(
            layout.root(),
            ingest.plans().size() + countFailedRecordings(ingest.errors()),
            recordingsWithErrors(errors),
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

  private static int countFailedRecordings(List<ErrorRow> ingestErrors) {
    int failed = 0;
    for (ErrorRow error : ingestErrors) {
      if (error.recordingId() != null) {
        failed++;
      }
    }
    return failed;
  }

  private static int recordingsWithErrors(List<ErrorRow> errors) {
    Set<String> recordings = new HashSet<>();
    for (ErrorRow error : errors) {
      if (error.recordingId() != null) {
        recordings.add(error.recordingId());
      }
    }
    return recordings.size();
  }

  private static String qualify(String output, Configuration hadoop) throws IOException {
    Path path = new Path(output);
    return path.getFileSystem(hadoop).makeQualified(path).toString();
  }

  private static void delete(String uri, Configuration hadoop) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(hadoop);
    fs.delete(path, true);
  }
}
