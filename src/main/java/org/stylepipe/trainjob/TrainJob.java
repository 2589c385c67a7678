package org.stylepipe.trainjob;

import static org.apache.spark.sql.functions.col;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.DeviceMode;
import org.stylepipe.config.TrainConfig;
import org.stylepipe.config.TrainSettings;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.JobKind;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.OutputMarker;
import org.stylepipe.report.JobReport;
import org.stylepipe.report.ReportFiles;
import org.stylepipe.report.RunLog;
import org.stylepipe.report.TrainingSheet;
import org.stylepipe.storage.OutputPlacement;
import org.stylepipe.stylize.NpyArray;
import org.stylepipe.stylize.NpzWriter;
import org.stylepipe.stylize.OnnxExport;
import org.stylepipe.stylizejob.ImageStylizeStage;
import org.stylepipe.stylizejob.ShippedModel;
import org.stylepipe.train.FramePair;
import org.stylepipe.train.TrainingResult;
import org.stylepipe.train.TrainingRun;

/**
 * The train job ({@code stylepipe train}): a student TransformerNet learns to reproduce a teacher
 * on a dataset's frames.
 *
 * <pre>
 * driver:   options → teacher read, checked and loaded once on the CPU → dataset complete, with flow
 *             if the temporal loss is on
 *           manifest → sequences → pairs of consecutive frames: training, and held out at the ends
 *             → output claimed
 * executor: teacher stage: the teacher stylizes the frames of those pairs in batches, on the task's
 *             device, into OUT/teacher/ (kept on a rerun)
 * driver:   training (PyTorch engine, GPU if present): Adam on crops of the pairs, per-pixel + temporal
 *             loss, checkpoints (resumed on a rerun), validations on held-out pairs
 *           student.npz, student.onnx (checked against the .npz in ONNX Runtime), report, summary, _SUCCESS
 * </pre>
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int SHEET_FRAMES = 4;

  private final TrainConfig config;
  private final ShippedModel teacher;
  private final OutputLayout dataset;
  private final OutputLayout output;
  private Pairs pairs;

  private TrainJob(
      TrainConfig config, ShippedModel teacher, OutputLayout dataset, OutputLayout output) {
    this.config = config;
    this.teacher = teacher;
    this.dataset = dataset;
    this.output = output;
  }

  /**
   * Checks the dataset and the teacher on the driver, before Spark does any work.
   *
   * @throws JobRefusedException naming the dataset or the teacher and the reason
   */
  public static TrainJob prepare(TrainConfig config, Configuration hadoop) throws IOException {
    OutputLayout dataset = qualified(config.dataset(), hadoop);
    checkDataset(config, dataset, hadoop);
    ShippedModel teacher =
        ImageStylizeStage.check(config.teacher(), hadoop, config.teacherThreads(), "teacher");
    return new TrainJob(config, teacher, dataset, qualified(config.output(), hadoop));
  }

  /** Prepares, claims the output and runs the job. */
  public static TrainSummary run(TrainConfig config, SparkSession spark)
      throws IOException, InterruptedException {
    TrainJob job = prepare(config, spark.sparkContext().hadoopConfiguration());
    try (OutputClaim claim = job.claim(spark)) {
      return job.run(spark, claim);
    }
  }

  /**
   * Reads the dataset's frames into pairs, then claims the output: a rerun with the same options
   * resumes it (with more {@code --steps}, it trains on), one with other options is refused unless
   * {@code --overwrite true}.
   *
   * @throws JobRefusedException before anything is written: no pairs to train on, frames without
   *     flow for the temporal loss, a checkpoint past {@code --steps}, or an output refused
   */
  public OutputClaim claim(SparkSession spark) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    OutputPlacement.check(
        output.root(),
        spark.sparkContext().master(),
        config.sharedMount(),
        TrainConfig.SHARED_MOUNT);
    if (pairs == null) {
      pairs = pairs(spark);
    }
    boolean resumes =
        !config.overwrite()
            && new OutputMarker(JobKind.TRAIN, fingerprint())
                .equals(OutputMarker.read(output, hadoop));
    if (resumes) {
      int done = TrainingRun.stepsDone(new FileStore(hadoop), output.trainCheckpoint());
      if (done > config.settings().steps()) {
        throw new JobRefusedException(
            "Cannot train "
                + output.root()
                + " to --"
                + TrainConfig.STEPS
                + " "
                + config.settings().steps()
                + ": its checkpoint has "
                + done
                + " steps done; give --"
                + TrainConfig.STEPS
                + " "
                + done
                + " or more, or start over with --"
                + TrainConfig.OVERWRITE
                + " true");
      }
    }
    return OutputClaim.take(output, JobKind.TRAIN, fingerprint(), config.overwrite(), hadoop);
  }

  /** The pairs trained on and validated on. */
  private record Pairs(
      TrainingFrames frames, TrainingFrames.Split split, List<FramePair> validation) {}

  /**
   * The dataset's frames, split into pairs to train on and held-out ones to validate on.
   *
   * @throws JobRefusedException if the temporal loss is on and some frames have no flow, or no pair
   *     lies before the held-out ends
   */
  private Pairs pairs(SparkSession spark) {
    TrainingFrames frames = frames(spark);
    boolean withFlow = config.settings().temporalWeight() > 0;
    if (withFlow && !frames.hasFlow()) {
      throw new JobRefusedException(
          "Cannot train with the temporal loss on "
              + dataset.root()
              + ": its manifest lists frames without flow; remake the dataset with --flow-files"
              + " true, or train without the temporal loss: --"
              + TrainConfig.TEMPORAL_WEIGHT
              + " 0");
    }
    TrainingFrames.Split split = frames.split(config.holdOut(), withFlow);
    if (split.training().isEmpty()) {
      throw new JobRefusedException(
          "Cannot train on "
              + dataset.root()
              + ": no two consecutive frames lie before the held-out end of a sequence ("
              + frames.frameCount()
              + " frames); lower --"
              + TrainConfig.HOLD_OUT);
    }
    return new Pairs(
        frames, split, TrainingFrames.spread(split.heldOut(), config.validationPairs()));
  }

  /** The options that shape the student, and the teacher's checksum. */
  private String fingerprint() {
    return config.shapingOptions() + " teacher-sha256=" + teacher.file().sha256();
  }

  /** Runs the job in the output {@code claim} holds. */
  public TrainSummary run(SparkSession spark, OutputClaim claim)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    FileStore store = new FileStore(hadoop);
    TrainSettings settings = config.settings();
    LOG.info("Train job: {}", config);
    jsc.setJobGroup("stylepipe-train", "stylepipe train -> " + output.root(), false);

    if (pairs == null) {
      pairs = pairs(spark);
    }
    TrainingFrames frames = pairs.frames();
    TrainingFrames.Split split = pairs.split();
    List<FramePair> validation = pairs.validation();
    boolean withFlow = settings.temporalWeight() > 0;
    List<FramePair> targeted = new ArrayList<>(split.training());
    targeted.addAll(validation);

    List<ImageStylizeStage.Item> items = new ArrayList<>();
    for (String image : TrainingFrames.Split.images(targeted, dataset)) {
      items.add(new ImageStylizeStage.Item(dataset.resolve(image), output.teacherTarget(image)));
    }
    jsc.setJobDescription("stylepipe: the teacher stylizes " + items.size() + " frames");
    RunLog log = new RunLog();
    ImageStylizeStage.Result teacherResult =
        ImageStylizeStage.run(jsc, teacher, config.teacherBatchSize(), config.device(), items, log);
    if (!teacherResult.errors().isEmpty()) {
      throw new IllegalStateException(
          "Cannot make the teacher's targets: "
              + teacherResult.errors().size()
              + " tasks failed, first: "
              + teacherResult.errors().get(0));
    }
    LOG.info(
        "Teacher: {} frames stylized, {} kept from an earlier run, {} s",
        teacherResult.stylized(),
        teacherResult.kept(),
        String.format("%.1f", teacherResult.seconds()));

    Device device = device();
    LOG.info(
        "Training {} ({} parameters) on {}: {} pairs, {} held out, {} validated on",
        settings.shape(),
        settings.shape().parameterCount(),
        device,
        split.training().size(),
        split.heldOut().size(),
        validation.size());
    long trainStarted = System.nanoTime();
    TrainingResult trained =
        new TrainingRun(settings, device, threads(config), store, output.trainCheckpoint())
            .run(split.training(), validation, withFlow);
    log.stage(
        "train",
        trainStarted,
        0,
        Map.of(
            "steps",
            (long) (settings.steps() - trained.resumedAt()),
            "skipped",
            (long) trained.history().skippedCount()));

    Map<String, NpyArray> weights = trained.weights();
    ByteArrayOutputStream npz = new ByteArrayOutputStream();
    NpzWriter.write(weights, npz);
    byte[] onnx = OnnxExport.of(weights, "stylepipe train");
    StudentCheck.Result check =
        StudentCheck.run(
            npz.toByteArray(),
            onnx,
            TrainingRun.initialWeights(settings),
            validation,
            store,
            SHEET_FRAMES);
    claim.checkHeld();
    store.write(output.student(), npz.toByteArray());
    store.write(output.studentOnnx(), onnx);

    double wall = (System.nanoTime() - started) / 1e9;
    TrainSummary summary =
        new TrainSummary(
            output.root(),
            settings.shape().toString(),
            settings.shape().parameterCount(),
            frames.frameCount(),
            split.training().size(),
            split.heldOut().size(),
            validation.size(),
            withFlow,
            teacherResult.stylized(),
            teacherResult.kept(),
            teacherResult.seconds(),
            settings.steps(),
            trained.resumedAt(),
            trained.history().skippedCount(),
            trained.seconds(),
            check.psnrBefore(),
            check.psnrAfter(),
            check.onnxMaxDifference(),
            check.onnxDiffering(),
            wall);
    report(summary, trained, check, log, wall, store);
    store.write(output.trainSummary(), JSON.writeValueAsBytes(summary.toMap()));
    claim.finish();
    store.write(output.successMarker(), new byte[0]);
    jsc.clearJobGroup();
    return summary;
  }

  private void report(
      TrainSummary summary,
      TrainingResult trained,
      StudentCheck.Result check,
      RunLog log,
      double wall,
      FileStore store)
      throws IOException {
    Map<String, Object> totals = new LinkedHashMap<>(summary.toMap());
    totals.remove("output");
    JobReport report =
        new JobReport(
            "train",
            output.root(),
            Instant.now(),
            wall,
            List.of(dataset.root(), config.teacher()),
            config.options(),
            totals,
            log.stages(),
            log.executors(),
            List.of(),
            TrainingSheet.of(check.sheet()),
            null,
            trained.history().curves());
    ReportFiles.write(report, output, store);
  }

  /** The dataset's frames and flows, from its manifest. */
  private TrainingFrames frames(SparkSession spark) {
    Dataset<Row> manifest = spark.read().parquet(dataset.manifest());
    TrainingFrames frames = new TrainingFrames(dataset, output);
    boolean fewShot = Arrays.asList(manifest.columns()).contains("sequence");
    if (fewShot) {
      for (Row row :
          manifest
              .filter(col("sequence").isNotNull())
              .select("sequence", "number", "path", "flow_fwd_path", "flow_bwd_path")
              .collectAsList()) {
        frames.add(
            row.getString(0),
            new TrainingFrames.Frame(
                row.getInt(1), row.getString(2), row.getString(3), row.getString(4)));
      }
    } else {
      // The frames layout: a recording's variant in frame order is a sequence, without flow.
      Map<String, List<Row>> byVariant = new LinkedHashMap<>();
      for (Row row :
          manifest.select("recording_id", "variant", "frame_index", "path").collectAsList()) {
        byVariant
            .computeIfAbsent(row.getString(0) + "/" + row.getString(1), k -> new ArrayList<>())
            .add(row);
      }
      byVariant.forEach(
          (name, rows) -> {
            rows.sort((a, b) -> Long.compare(a.getLong(2), b.getLong(2)));
            for (int i = 0; i < rows.size(); i++) {
              frames.add(
                  name, new TrainingFrames.Frame(i + 1, rows.get(i).getString(3), null, null));
            }
          });
    }
    return frames;
  }

  /** The trainer's threads per operation on the CPU. */
  private static int threads(TrainConfig config) {
    return config.threads() == 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
  }

  private Device device() {
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    if (config.device() == DeviceMode.GPU && gpus == 0) {
      throw new JobRefusedException(
          "Cannot train on the GPU: the PyTorch engine sees no CUDA device (CPU-only natives, or no"
              + " driver); use --"
              + TrainConfig.DEVICE
              + " cpu or auto");
    }
    return config.device() != DeviceMode.CPU && gpus > 0 ? Device.gpu() : Device.cpu();
  }

  /**
   * A complete dataset, and with the temporal loss on, one that holds optical flow (a few-shot
   * dataset written with its flow files).
   */
  private static void checkDataset(TrainConfig config, OutputLayout dataset, Configuration hadoop)
      throws IOException {
    String cannot = "Cannot train on " + dataset.root() + ": ";
    OutputMarker marker = OutputMarker.read(dataset, hadoop);
    Path success = new Path(dataset.successMarker());
    if (marker == null
        || marker.kind() != JobKind.DATASET
        || !success.getFileSystem(hadoop).exists(success)) {
      throw new JobRefusedException(
          cannot
              + "it holds no complete dataset (no "
              + (marker == null
                  ? "marker"
                  : marker.kind() != JobKind.DATASET ? "dataset marker" : "_SUCCESS")
              + "); run the dataset job there first, or let it finish");
    }
    if (config.settings().temporalWeight() > 0) {
      Path flows = new Path(dataset.resolve(OutputLayout.fewShot() + "/*_gen/flow_fwd"));
      FileSystem fs = flows.getFileSystem(hadoop);
      FileStatus[] found = fs.globStatus(flows);
      if (found == null || found.length == 0) {
        throw new JobRefusedException(
            cannot
                + "it holds no optical flow, which the temporal loss (--"
                + TrainConfig.TEMPORAL_WEIGHT
                + " "
                + config.settings().temporalWeight()
                + ") needs; make the dataset with --layout fewshot (and --flow-files true), or"
                + " train without it: --"
                + TrainConfig.TEMPORAL_WEIGHT
                + " 0");
      }
    }
  }

  private static OutputLayout qualified(String uri, Configuration hadoop) throws IOException {
    Path root = new Path(uri);
    return new OutputLayout(root.getFileSystem(hadoop).makeQualified(root).toString());
  }
}
