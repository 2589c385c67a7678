package org.stylepipe.dataset;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.ErrorRow;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.HadoopConf;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.storage.StoragePreflight;

/**
 * The dataset job: probe and plan the recordings, then one Spark task per segment carries its frames from
 * decode to written images; only manifest rows come back. The manifest and errors are written after all
 * images, and {@code _SUCCESS} last.
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
    // A reader must not take the previous run's dataset for complete while this run rewrites it.
    delete(layout.successMarker(), hadoop);
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
      jsc.setJobDescription("stylepipe: extract " + tasks.size() + " segments");
      JavaRDD<SegmentOutcome> outcomes =
          jsc.parallelize(tasks, tasks.size())
              .map(new ExtractFunction(config.frames(), layout, new HadoopConf(hadoop)))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        for (SegmentOutcome outcome : outcomes.map(SegmentOutcome::withoutRows).collect()) {
          framesDecoded += outcome.framesDecoded();
          imagesWritten += outcome.images();
          if (outcome.error() != null) {
            errors.add(outcome.error());
          }
        }
        jsc.setJobDescription("stylepipe: write manifest");
        writeManifest(spark, outcomes, ingest.plans().size(), layout);
      } finally {
        outcomes.unpersist(false);
      }
    }
    spark
        .createDataFrame(errors.stream().map(ErrorRow::toRow).toList(), ErrorRow.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(layout.errors());

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
    FileStore store = new FileStore(hadoop);
    store.write(layout.summary(), JSON.writeValueAsBytes(summary.toMap()));
    store.write(layout.successMarker(), new byte[0]);
    jsc.clearJobGroup();
    return summary;
  }

  private static void writeManifest(
      SparkSession spark, JavaRDD<SegmentOutcome> outcomes, int recordings, OutputLayout layout) {
    var manifest = spark.createDataFrame(outcomes.flatMap(new ManifestRows()), ManifestRow.SCHEMA);
    manifest
        .repartition(Math.max(1, recordings), col("recording_id"))
        .sortWithinPartitions("frame_index", "variant")
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("recording_id")
        .parquet(layout.manifest());
  }

  /** Executor function: the manifest rows of a segment outcome, as Spark rows. */
  private static final class ManifestRows implements FlatMapFunction<SegmentOutcome, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(SegmentOutcome outcome) {
      return outcome.rows().stream().map(ManifestRow::toRow).iterator();
    }
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
    fs.delete(path, false);
  }
}
