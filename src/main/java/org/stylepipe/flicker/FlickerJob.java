package org.stylepipe.flicker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.FlickerConfig;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.InputResolver;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.JobKind;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.storage.OutputPlacement;
import org.stylepipe.storage.StoragePreflight;

/**
 * The flicker job: probe and plan the recordings, pair each with its stylized video, and measure
 * them with {@link FlickerStage}; writes {@code OUT/flicker/} and, last, {@code
 * OUT/_stylepipe/flicker-summary.json}. It touches nothing else, so its output may be the stylize
 * job's.
 */
public final class FlickerJob {
  private static final Logger LOG = LoggerFactory.getLogger(FlickerJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FlickerJob() {}

  /** Claims the output and runs the job. */
  public static FlickerSummary run(FlickerConfig config, SparkSession spark) throws IOException {
    try (OutputClaim claim =
        claim(config, spark.sparkContext().hadoopConfiguration(), spark.sparkContext().master())) {
      return run(config, spark, claim);
    }
  }

  /**
   * Checks the storage and claims the output ({@link OutputClaim}: a stylize job's output is joined
   * as a guest), before Spark starts; {@code master} is the Spark master the job will run on
   * ({@link OutputPlacement}).
   *
   * @throws org.stylepipe.common.JobRefusedException if the output is refused or another run writes
   *     it
   */
  public static OutputClaim claim(FlickerConfig config, Configuration hadoop, String master)
      throws IOException {
    List<String> reads = new ArrayList<>(config.inputs());
    reads.add(config.stylized());
    OutputLayout layout = new OutputLayout(qualify(config.output(), hadoop));
    OutputPlacement.check(layout.root(), master, config.sharedMount(), FlickerConfig.SHARED_MOUNT);
    StoragePreflight.check(reads, config.output(), hadoop);
    return OutputClaim.take(
        layout, JobKind.FLICKER, config.fingerprint(), config.overwrite(), hadoop);
  }

  /** Runs the job into the output {@code claim} holds. */
  public static FlickerSummary run(FlickerConfig config, SparkSession spark, OutputClaim claim)
      throws IOException {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    OutputLayout layout = new OutputLayout(qualify(config.output(), hadoop));
    LOG.info("Flicker job: {}", config);
    jsc.setJobGroup("stylepipe-flicker", "stylepipe flicker -> " + layout.root(), false);

    IngestStage.Result ingest =
        IngestStage.run(
            jsc,
            config.inputs(),
            PlanRule.segments(config.segmentMicros()).withVideoStream(config.videoStream()));
    List<ErrorRow> errors = new ArrayList<>(ingest.errors());
    List<FlickerPair> pairs = new ArrayList<>();
    Stylized stylized = Stylized.of(config.stylized(), ingest.plans().size(), hadoop);
    for (RecordingPlan plan : ingest.plans()) {
      if (plan.warning() != null) {
        errors.add(
            new ErrorRow(
                plan.recording().uri(), plan.recording().id(), "probe", -1, plan.warning()));
      }
      pairs.add(new FlickerPair(plan, stylized.videoOf(plan.recording().id())));
    }
    FlickerResult result = FlickerStage.run(jsc, pairs, config.segmentMicros(), layout);
    errors.addAll(result.errors());
    FlickerSummary summary =
        new FlickerSummary(
            layout.root(),
            ingest.plans().size() + ErrorRow.recordingsConcerned(ingest.errors()),
            result,
            errors,
            (System.nanoTime() - started) / 1e9);
    claim.finish();
    write(summary, layout, hadoop);
    jsc.clearJobGroup();
    return summary;
  }

  /** Writes {@code summary} to {@code _stylepipe/flicker-summary.json}. */
  public static void write(FlickerSummary summary, OutputLayout layout, Configuration hadoop)
      throws IOException {
    new FileStore(hadoop).write(layout.flickerSummary(), JSON.writeValueAsBytes(summary.toMap()));
  }

  private static String qualify(String path, Configuration hadoop) throws IOException {
    Path qualified = new Path(path);
    return qualified.getFileSystem(hadoop).makeQualified(qualified).toString();
  }

  /**
   * Where the stylized videos are: {@code --stylized} itself for the one recording if it is a file
   * (or, missing, is named like a video), else a stylize job's output root.
   */
  private record Stylized(String video, OutputLayout layout) {
    static Stylized of(String stylized, int recordings, Configuration hadoop) throws IOException {
      Path path = new Path(stylized);
      FileSystem fs = path.getFileSystem(hadoop);
      String qualified = fs.makeQualified(path).toString();
      boolean file =
          fs.exists(path) ? fs.getFileStatus(path).isFile() : namedLikeAVideo(path.getName());
      if (!file) {
        return new Stylized(null, new OutputLayout(qualified));
      }
      if (recordings > 1) {
        throw new JobRefusedException(
            "Cannot use --"
                + FlickerConfig.STYLIZED
                + " "
                + stylized
                + " for "
                + recordings
                + " recordings: it is one video; name the output folder of the stylize job instead");
      }
      return new Stylized(qualified, null);
    }

    String videoOf(String recordingId) {
      return video != null ? video : layout.stylizedVideo(recordingId);
    }

    private static boolean namedLikeAVideo(String name) {
      int dot = name.lastIndexOf('.');
      return dot > 0
          && InputResolver.VIDEO_EXTENSIONS.contains(
              name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
  }
}
