package org.stylepipe.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stylepipe.stylize.NetShape;

/**
 * The validated, immutable configuration of the train job ({@code stylepipe train}), built on the
 * driver before any Spark work: a student TransformerNet learns to reproduce a teacher model on the
 * frames of a dataset.
 *
 * <p>Options (command line {@code --name value}, or {@code name=value} in an options file):
 *
 * <ul>
 *   <li>{@value #DATASET} (required): the output root of a dataset job; a few-shot one ({@code
 *       --layout fewshot}) holds the optical flow the temporal loss needs
 *   <li>{@value #TEACHER} (required): the teacher, any 3-channel model the stylize job runs
 *   <li>{@value #OUTPUT} (required): the output root
 *   <li>{@value #WIDTHS}: the student's three encoder widths, default {@value #WIDTHS_DEFAULT}
 *   <li>{@value #RESIDUAL_BLOCKS}: the student's residual blocks, default {@value
 *       #RESIDUAL_BLOCKS_DEFAULT}
 *   <li>{@value #STEPS}, {@value #BATCH_SIZE} (pairs of consecutive frames per step), {@value
 *       #CROP} (side of the square crops), {@value #LEARNING_RATE} (Adam's, decaying along a cosine
 *       to a tenth)
 *   <li>{@value #TEMPORAL_WEIGHT}: weight of the temporal loss, 0 for the per-pixel loss alone;
 *       {@value #LUMINANCE}: let the output follow the input's luminance change (ReCoNet)
 *   <li>{@value #SEED}: of the initial weights and of the samples
 *   <li>{@value #HOLD_OUT}: the fraction of each sequence, at its end, left out of training and
 *       used to validate; {@value #VALIDATION_PAIRS}: pairs validated on
 *   <li>{@value #CHECKPOINT_EVERY}, {@value #VALIDATE_EVERY}: steps between checkpoints and
 *       validations
 *   <li>{@value #DEVICE}: where the student trains: {@code auto} (the first GPU if the engine sees
 *       one, else the CPU), {@code cpu} or {@code gpu}; {@value #THREADS}: the trainer's threads on
 *       the CPU, 0 for all processors
 *   <li>{@value #TEACHER_BATCH_SIZE}, {@value #TEACHER_THREADS}: the teacher's batch size and
 *       threads per task on the executors
 *   <li>{@value #SHARED_MOUNT}: a local {@code --output} is mounted on every node of a cluster, as
 *       in the stylize job
 *   <li>{@value #OVERWRITE}: replace an output made with other options
 * </ul>
 */
public final class TrainConfig {
  public static final String DATASET = "dataset";
  public static final String TEACHER = "teacher";
  public static final String OUTPUT = "output";
  public static final String WIDTHS = "widths";
  public static final String WIDTHS_DEFAULT = "16,32,64";
  public static final String RESIDUAL_BLOCKS = "residual-blocks";
  public static final String RESIDUAL_BLOCKS_DEFAULT = "3";
  public static final String STEPS = "steps";
  public static final String STEPS_DEFAULT = "2000";
  public static final String BATCH_SIZE = "batch-size";
  public static final String BATCH_SIZE_DEFAULT = "4";
  public static final String CROP = "crop";
  public static final String CROP_DEFAULT = "256";
  public static final String LEARNING_RATE = "learning-rate";
  public static final String LEARNING_RATE_DEFAULT = "0.002";
  public static final String TEMPORAL_WEIGHT = "temporal-weight";
  public static final String TEMPORAL_WEIGHT_DEFAULT = "2";
  public static final String LUMINANCE = "luminance";
  public static final String LUMINANCE_DEFAULT = "true";
  public static final String SEED = "seed";
  public static final String SEED_DEFAULT = "1";
  public static final String HOLD_OUT = "hold-out";
  public static final String HOLD_OUT_DEFAULT = "0.2";
  public static final String VALIDATION_PAIRS = "validation-pairs";
  public static final String VALIDATION_PAIRS_DEFAULT = "8";
  public static final String CHECKPOINT_EVERY = "checkpoint-every";
  public static final String CHECKPOINT_EVERY_DEFAULT = "100";
  public static final String VALIDATE_EVERY = "validate-every";
  public static final String VALIDATE_EVERY_DEFAULT = "250";
  public static final String DEVICE = "device";
  public static final String DEVICE_DEFAULT = "auto";
  public static final String THREADS = "threads";
  public static final String THREADS_DEFAULT = "0";
  public static final String TEACHER_BATCH_SIZE = "teacher-batch-size";
  public static final String TEACHER_BATCH_SIZE_DEFAULT = "4";
  public static final String TEACHER_THREADS = "teacher-threads";
  public static final String TEACHER_THREADS_DEFAULT = "1";
  public static final String SHARED_MOUNT = StylizeConfig.SHARED_MOUNT;
  public static final String OVERWRITE = "overwrite";
  public static final String OVERWRITE_DEFAULT = "false";

  /** Every option this job accepts. */
  public static final Set<String> OPTIONS =
      Set.of(
          DATASET,
          TEACHER,
          OUTPUT,
          WIDTHS,
          RESIDUAL_BLOCKS,
          STEPS,
          BATCH_SIZE,
          CROP,
          LEARNING_RATE,
          TEMPORAL_WEIGHT,
          LUMINANCE,
          SEED,
          HOLD_OUT,
          VALIDATION_PAIRS,
          CHECKPOINT_EVERY,
          VALIDATE_EVERY,
          DEVICE,
          THREADS,
          TEACHER_BATCH_SIZE,
          TEACHER_THREADS,
          SHARED_MOUNT,
          OVERWRITE);

  private final String dataset;
  private final String teacher;
  private final String output;
  private final TrainSettings settings;
  private final double holdOut;
  private final int validationPairs;
  private final DeviceMode device;
  private final int threads;
  private final int teacherBatchSize;
  private final int teacherThreads;
  private final boolean sharedMount;
  private final boolean overwrite;

  private TrainConfig(
      String dataset,
      String teacher,
      String output,
      TrainSettings settings,
      double holdOut,
      int validationPairs,
      DeviceMode device,
      int threads,
      int teacherBatchSize,
      int teacherThreads,
      boolean sharedMount,
      boolean overwrite) {
    this.dataset = dataset;
    this.teacher = teacher;
    this.output = output;
    this.settings = settings;
    this.holdOut = holdOut;
    this.validationPairs = validationPairs;
    this.device = device;
    this.threads = threads;
    this.teacherBatchSize = teacherBatchSize;
    this.teacherThreads = teacherThreads;
    this.sharedMount = sharedMount;
    this.overwrite = overwrite;
  }

  /**
   * Validates the options; any problem is an {@link IllegalArgumentException} naming the option.
   */
  public static TrainConfig from(OptionMap options) {
    options.rejectUnknown(OPTIONS);
    String dataset = options.require(DATASET);
    String teacher = options.require(TEACHER);
    String output = options.require(OUTPUT);
    int[] widths = parseWidths(options.get(WIDTHS, WIDTHS_DEFAULT));
    int blocks = options.getInt(RESIDUAL_BLOCKS, Integer.parseInt(RESIDUAL_BLOCKS_DEFAULT), 0, 64);
    int steps = options.getInt(STEPS, Integer.parseInt(STEPS_DEFAULT), 1, 10_000_000);
    double learningRate =
        options.getDouble(LEARNING_RATE, Double.parseDouble(LEARNING_RATE_DEFAULT), 0);
    double temporalWeight =
        nonNegative(options, TEMPORAL_WEIGHT, Double.parseDouble(TEMPORAL_WEIGHT_DEFAULT));
    double holdOut = nonNegative(options, HOLD_OUT, Double.parseDouble(HOLD_OUT_DEFAULT));
    if (holdOut >= 1) {
      throw new IllegalArgumentException(
          "Cannot use --" + HOLD_OUT + " " + holdOut + ": expected a fraction from 0 to below 1");
    }
    TrainSettings settings =
        new TrainSettings(
            new NetShape(widths[0], widths[1], widths[2], blocks),
            steps,
            options.getInt(BATCH_SIZE, Integer.parseInt(BATCH_SIZE_DEFAULT), 1, 1024),
            options.getInt(CROP, Integer.parseInt(CROP_DEFAULT), 16, 8192),
            (float) learningRate,
            (float) temporalWeight,
            options.getBoolean(LUMINANCE, Boolean.parseBoolean(LUMINANCE_DEFAULT)),
            options.getLong(SEED, Long.parseLong(SEED_DEFAULT)),
            options.getInt(
                CHECKPOINT_EVERY, Integer.parseInt(CHECKPOINT_EVERY_DEFAULT), 1, Integer.MAX_VALUE),
            options.getInt(
                VALIDATE_EVERY, Integer.parseInt(VALIDATE_EVERY_DEFAULT), 1, Integer.MAX_VALUE));
    return new TrainConfig(
        dataset,
        teacher,
        output,
        settings,
        holdOut,
        options.getInt(VALIDATION_PAIRS, Integer.parseInt(VALIDATION_PAIRS_DEFAULT), 0, 1000),
        options.getEnum(DEVICE, DeviceMode.AUTO),
        options.getInt(THREADS, Integer.parseInt(THREADS_DEFAULT), 0, 1024),
        options.getInt(TEACHER_BATCH_SIZE, Integer.parseInt(TEACHER_BATCH_SIZE_DEFAULT), 1, 256),
        options.getInt(TEACHER_THREADS, Integer.parseInt(TEACHER_THREADS_DEFAULT), 0, 1024),
        options.getBoolean(SHARED_MOUNT, Boolean.parseBoolean(StylizeConfig.SHARED_MOUNT_DEFAULT)),
        options.getBoolean(OVERWRITE, Boolean.parseBoolean(OVERWRITE_DEFAULT)));
  }

  private static int[] parseWidths(String text) {
    String[] parts = text.trim().split("\\s*[,-]\\s*");
    try {
      if (parts.length == 3) {
        int[] widths = new int[3];
        for (int i = 0; i < 3; i++) {
          widths[i] = Integer.parseInt(parts[i]);
          if (widths[i] < 1 || widths[i] > 4096) {
            throw new NumberFormatException();
          }
        }
        return widths;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException(
        "Cannot use --"
            + WIDTHS
            + " "
            + text
            + ": expected three channel counts from 1 to 4096, such as 16,32,64");
  }

  private static double nonNegative(OptionMap options, String key, double fallback) {
    String text = options.get(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException(
        "Cannot use --" + key + " " + text + ": expected a number of 0 or more");
  }

  public String dataset() {
    return dataset;
  }

  /** The teacher model as given: a local path or a Hadoop URI. */
  public String teacher() {
    return teacher;
  }

  public String output() {
    return output;
  }

  public TrainSettings settings() {
    return settings;
  }

  public double holdOut() {
    return holdOut;
  }

  public int validationPairs() {
    return validationPairs;
  }

  public DeviceMode device() {
    return device;
  }

  /** The trainer's intra-op threads, 0 for all processors. */
  public int threads() {
    return threads;
  }

  public int teacherBatchSize() {
    return teacherBatchSize;
  }

  public int teacherThreads() {
    return teacherThreads;
  }

  /** Whether a local output is mounted on every node of a cluster (the executors write to it). */
  public boolean sharedMount() {
    return sharedMount;
  }

  public boolean overwrite() {
    return overwrite;
  }

  /**
   * The options that shape the student, by option name: what the output's marker records, so that a
   * rerun with other ones is refused instead of resumed (the device and thread counts may change,
   * and {@value #STEPS} may grow: a rerun with more steps continues the run).
   */
  public Map<String, Object> shapingOptions() {
    TrainSettings s = settings;
    Map<String, Object> options = new LinkedHashMap<>();
    options.put(DATASET, dataset);
    options.put(TEACHER, teacher);
    options.put(WIDTHS, s.shape().width1() + "," + s.shape().width2() + "," + s.shape().width3());
    options.put(RESIDUAL_BLOCKS, s.shape().residualBlocks());
    options.put(BATCH_SIZE, s.batchSize());
    options.put(CROP, s.crop());
    options.put(LEARNING_RATE, s.learningRate());
    options.put(TEMPORAL_WEIGHT, s.temporalWeight());
    options.put(LUMINANCE, s.luminance());
    options.put(SEED, s.seed());
    options.put(HOLD_OUT, holdOut);
    options.put(VALIDATION_PAIRS, validationPairs);
    options.put(CHECKPOINT_EVERY, s.checkpointEvery());
    options.put(VALIDATE_EVERY, s.validateEvery());
    return options;
  }

  /** Every option, by option name, as the job report lists them. */
  public Map<String, Object> options() {
    Map<String, Object> options = shapingOptions();
    options.put(STEPS, settings.steps());
    options.put(DEVICE, device.name().toLowerCase(Locale.ROOT));
    options.put(THREADS, threads);
    options.put(TEACHER_BATCH_SIZE, teacherBatchSize);
    options.put(TEACHER_THREADS, teacherThreads);
    return options;
  }

  @Override
  public String toString() {
    return "output=" + output + " " + options();
  }
}
