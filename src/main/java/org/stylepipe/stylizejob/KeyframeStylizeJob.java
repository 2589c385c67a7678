package org.stylepipe.stylizejob;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.GuideMode;
import org.stylepipe.config.KeyframeStylizeConfig;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.guides.NoiseVariant;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.JobKind;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.storage.OutputPlacement;
import org.stylepipe.stylize.EngineChoice;

/**
 * The stylize job's teacher mode ({@code stylepipe stylize-keyframes}): a model stylizes the
 * keyframes of a few-shot dataset into its sequences' {@code _train/output/}, where the few-shot
 * trainer reads its targets. The keyframes come from the dataset's manifest on the driver; one task
 * per recording (or per 32 of its keyframes) reads them, runs the model in batches on the task's
 * device and writes the outputs. The dataset itself is not otherwise touched; the summary goes to
 * {@code _stylepipe/keyframes-summary.json}.
 */
public final class KeyframeStylizeJob {
  private static final Logger LOG = LoggerFactory.getLogger(KeyframeStylizeJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int KEYFRAMES_PER_TASK = 32;

  private final KeyframeStylizeConfig config;
  private final ShippedModel model;

  private KeyframeStylizeJob(KeyframeStylizeConfig config, ShippedModel model) {
    this.config = config;
    this.model = model;
  }

  /**
   * Reads and checks the model on the driver ({@link ModelCheck}), before Spark does any work.
   *
   * @param hadoop the Hadoop configuration that reaches the model's store
   * @throws org.stylepipe.common.JobRefusedException naming the model and the reason
   */
  public static KeyframeStylizeJob prepare(KeyframeStylizeConfig config, Configuration hadoop) {
    return new KeyframeStylizeJob(
        config,
        ModelCheck.load(
            config.model(),
            hadoop,
            config.modelSha256(),
            config.settings().half(),
            config.settings().guide(),
            config.modelThreads(),
            "noise (the keyframes' noise guides) or black",
            EngineChoice.BY_FORMAT));
  }

  /** Prepares and runs the job. */
  public static KeyframeSummary run(KeyframeStylizeConfig config, SparkSession spark)
      throws IOException {
    return prepare(config, spark.sparkContext().hadoopConfiguration()).run(spark);
  }

  /** Claims the dataset and runs the job. */
  public KeyframeSummary run(SparkSession spark) throws IOException {
    try (OutputClaim claim =
        claim(spark.sparkContext().hadoopConfiguration(), spark.sparkContext().master())) {
      return run(spark, claim);
    }
  }

  /**
   * Claims the dataset as a guest ({@link OutputClaim}), before Spark starts; {@code master} is the
   * Spark master the job will run on ({@link OutputPlacement}).
   *
   * @throws org.stylepipe.common.JobRefusedException if it is no dataset, a local one on a cluster,
   *     or another run writes it
   */
  public OutputClaim claim(Configuration hadoop, String master) throws IOException {
    OutputLayout dataset = layout(hadoop);
    OutputPlacement.check(
        dataset.root(), master, config.sharedMount(), KeyframeStylizeConfig.SHARED_MOUNT);
    return OutputClaim.take(dataset, JobKind.STYLIZE_KEYFRAMES, "", false, hadoop);
  }

  private OutputLayout layout(Configuration hadoop) throws IOException {
    Path root = new Path(config.dataset());
    return new OutputLayout(root.getFileSystem(hadoop).makeQualified(root).toString());
  }

  /** Runs the job in the dataset {@code claim} holds. */
  public KeyframeSummary run(SparkSession spark, OutputClaim claim) throws IOException {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    OutputLayout dataset = layout(hadoop);
    LOG.info("Keyframes job: {}", config);
    jsc.setJobGroup(
        "stylepipe-stylize-keyframes", "stylepipe stylize-keyframes -> " + dataset.root(), false);
    List<KeyframeTask> tasks = tasks(keyframeRows(spark, dataset, hadoop), dataset);
    jsc.setJobDescription("stylepipe: stylize the keyframes of " + tasks.size() + " recordings");
    model.ship(jsc);
    List<KeyframeOutcome> outcomes =
        jsc.parallelize(tasks, tasks.size())
            .map(new KeyframeStylizeFunction(config.settings(), model, new HadoopConf(hadoop)))
            .collect();
    List<ErrorRow> errors = new ArrayList<>();
    Map<String, Integer> byDevice = new TreeMap<>();
    int stylized = 0;
    int kept = 0;
    for (KeyframeOutcome outcome : outcomes) {
      stylized += outcome.stylized();
      kept += outcome.kept();
      byDevice.merge(outcome.device(), outcome.stylized(), Integer::sum);
      if (outcome.error() != null) {
        errors.add(outcome.error());
      }
    }
    KeyframeSummary summary =
        new KeyframeSummary(
            dataset.root(),
            model.file(),
            model.engine(),
            (String) config.options().get(KeyframeStylizeConfig.GUIDE),
            (int) tasks.stream().map(KeyframeTask::recordingId).distinct().count(),
            tasks.stream().mapToInt(t -> t.keyframes().size()).sum(),
            stylized,
            kept,
            errors,
            byDevice,
            (System.nanoTime() - started) / 1e9);
    claim.finish();
    new FileStore(hadoop)
        .write(dataset.meta() + "/keyframes-summary.json", JSON.writeValueAsBytes(summary.toMap()));
    jsc.clearJobGroup();
    return summary;
  }

  /**
   * The keyframe rows of a complete few-shot dataset's manifest; anything else is an error naming
   * the dataset.
   */
  private List<Row> keyframeRows(SparkSession spark, OutputLayout dataset, Configuration hadoop)
      throws IOException {
    String name = "Cannot stylize the keyframes of " + dataset.root() + ": ";
    Path success = new Path(dataset.successMarker());
    if (!success.getFileSystem(hadoop).exists(success)) {
      throw new JobRefusedException(
          name
              + "it holds no complete dataset (no _SUCCESS); run the dataset job"
              + " with --layout fewshot there first, or let it finish");
    }
    Dataset<Row> manifest = spark.read().parquet(literal(dataset.manifest()));
    if (!Arrays.asList(manifest.columns()).contains("keyframe")
        || manifest.filter(col("sequence").isNotNull()).isEmpty()) {
      throw new JobRefusedException(
          name + "it is not a few-shot dataset (made with --layout fewshot)");
    }
    List<Row> rows =
        manifest
            .filter(col("keyframe"))
            .select(
                "recording_id",
                "source",
                "variant",
                "sequence",
                "sequence_length",
                "number",
                "noise_paths")
            .collectAsList();
    if (rows.isEmpty()) {
      throw new JobRefusedException(name + "it has no keyframes");
    }
    return rows;
  }

  /** Per recording, its keyframes' files, in tasks of at most {@value #KEYFRAMES_PER_TASK}. */
  private List<KeyframeTask> tasks(List<Row> rows, OutputLayout dataset) {
    NoiseVariant variant =
        config.settings().guide() == GuideMode.NOISE ? variant(rows.get(0)) : null;
    Map<String, Map<Integer, Row>> mirrored = new HashMap<>();
    Map<String, Map<Integer, Row>> originals = new TreeMap<>();
    Map<String, String> sources = new HashMap<>();
    for (Row row : rows) {
      String id = row.getAs("recording_id");
      sources.put(id, row.getAs("source"));
      (row.getAs("variant").equals(ManifestRow.MIRRORED) ? mirrored : originals)
          .computeIfAbsent(id, k -> new TreeMap<>())
          .put(row.getAs("number"), row);
    }
    List<KeyframeTask> tasks = new ArrayList<>();
    originals.forEach(
        (id, keys) -> {
          List<KeyframeTask.Keyframe> keyframes = new ArrayList<>();
          keys.forEach(
              (number, row) -> {
                FewShotLayout sequence = layout(row);
                Row mirror = mirrored.getOrDefault(id, Map.of()).get(number);
                keyframes.add(
                    new KeyframeTask.Keyframe(
                        number,
                        dataset.resolve(sequence.trainInput(number)),
                        variant == null
                            ? null
                            : dataset.resolve(sequence.trainNoise(variant, number)),
                        dataset.resolve(sequence.trainOutput(number)),
                        mirror == null
                            ? null
                            : dataset.resolve(layout(mirror).trainOutput(number))));
              });
          for (int i = 0; i < keyframes.size(); i += KEYFRAMES_PER_TASK) {
            tasks.add(
                new KeyframeTask(
                    id,
                    sources.get(id),
                    keyframes.subList(i, Math.min(keyframes.size(), i + KEYFRAMES_PER_TASK))));
          }
        });
    return tasks;
  }

  /** The noise variant named by {@code --guide noise:VARIANT}, or the dataset's first. */
  private NoiseVariant variant(Row row) {
    List<String> names =
        new ArrayList<>(row.<String, String>getJavaMap(row.fieldIndex("noise_paths")).keySet());
    String wanted = config.guideVariant() == null ? names.get(0) : config.guideVariant();
    if (!names.contains(wanted)) {
      throw new JobRefusedException(
          "Cannot use --"
              + KeyframeStylizeConfig.GUIDE
              + " noise:"
              + wanted
              + ": the"
              + " dataset's noise guides are "
              + names);
    }
    return NoiseVariant.parse(wanted);
  }

  /** {@code path} with glob characters escaped, so that Spark reads that very folder. */
  private static String literal(String path) {
    return path.replaceAll("([\\\\{}\\[\\]*?])", "\\\\$1");
  }

  private static FewShotLayout layout(Row row) {
    return new FewShotLayout(
        OutputLayout.fewShot(), row.getAs("sequence"), row.<Integer>getAs("sequence_length"));
  }
}
