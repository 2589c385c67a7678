package org.stylepipe.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable configuration of the keyframes job ({@code stylize-keyframes}, the
 * stylize job's teacher mode), built on the driver before any Spark work: a model stylizes the
 * keyframes of a few-shot dataset into its sequences' {@code _train/output/}.
 *
 * <p>Options (command line {@code --name value}, or {@code name=value} in an options file):
 *
 * <ul>
 *   <li>{@value #DATASET} (required): the output root of a dataset job run with {@code --layout
 *       fewshot}
 *   <li>{@value #MODEL} (required): the teacher, a {@code .npz}, {@code .pt} or {@code .onnx} style
 *       model, a local path or any Hadoop URI, as in the stylize job
 *   <li>{@value #MODEL_SHA256}: the SHA-256 the model's bytes must have, as in the stylize job
 *   <li>{@value #GUIDE}: {@code none}, {@code black} or {@code noise[:VARIANT]} (the keyframe's
 *       noise guide, the dataset's first variant unless one is named), for 6-channel models,
 *       default {@value #GUIDE_DEFAULT}
 *   <li>{@value #OVERWRITE}: stylize keyframes that already have an output (painted ones too),
 *       default {@value #OVERWRITE_DEFAULT}
 *   <li>{@value #BATCH_SIZE}, {@value #DEVICE}, {@value #CPU_FALLBACK}, {@value #HALF}, {@value
 *       #MODEL_THREADS}, {@value #SHARED_MOUNT} (for a local {@code --dataset}): as in the stylize
 *       job
 * </ul>
 */
public final class KeyframeStylizeConfig {
  public static final String DATASET = "dataset";
  public static final String MODEL = StylizeConfig.MODEL;
  public static final String MODEL_SHA256 = StylizeConfig.MODEL_SHA256;
  public static final String GUIDE = StylizeConfig.GUIDE;
  public static final String GUIDE_DEFAULT = "none";
  public static final String OVERWRITE = "overwrite";
  public static final String OVERWRITE_DEFAULT = "false";
  public static final String BATCH_SIZE = StylizeConfig.BATCH_SIZE;
  public static final String DEVICE = StylizeConfig.DEVICE;
  public static final String CPU_FALLBACK = StylizeConfig.CPU_FALLBACK;
  public static final String HALF = StylizeConfig.HALF;
  public static final String MODEL_THREADS = StylizeConfig.MODEL_THREADS;
  public static final String SHARED_MOUNT = StylizeConfig.SHARED_MOUNT;

  /** Every option this job accepts. */
  public static final Set<String> OPTIONS =
      Set.of(
          DATASET,
          MODEL,
          MODEL_SHA256,
          GUIDE,
          OVERWRITE,
          BATCH_SIZE,
          DEVICE,
          CPU_FALLBACK,
          HALF,
          MODEL_THREADS,
          SHARED_MOUNT);

  private final String dataset;
  private final String model;
  private final String modelSha256;
  private final String guideVariant;
  private final int modelThreads;
  private final KeyframeStylizeSettings settings;
  private final boolean sharedMount;

  private KeyframeStylizeConfig(
      String dataset,
      String model,
      String modelSha256,
      String guideVariant,
      int modelThreads,
      KeyframeStylizeSettings settings,
      boolean sharedMount) {
    this.dataset = dataset;
    this.model = model;
    this.modelSha256 = modelSha256;
    this.guideVariant = guideVariant;
    this.modelThreads = modelThreads;
    this.settings = settings;
    this.sharedMount = sharedMount;
  }

  /**
   * Validates the options; any problem is an {@link IllegalArgumentException} naming the option.
   */
  public static KeyframeStylizeConfig from(OptionMap options) {
    options.rejectUnknown(OPTIONS);
    String dataset = options.require(DATASET);
    String model = StylizeConfig.model(options.require(MODEL));
    String modelSha256 = StylizeConfig.sha256(options.get(MODEL_SHA256, null));
    GuideChoice guide = GuideChoice.parse(GUIDE, options.get(GUIDE, GUIDE_DEFAULT));
    DeviceMode device = options.getEnum(DEVICE, DeviceMode.AUTO);
    boolean half = options.getBoolean(HALF, Boolean.parseBoolean(StylizeConfig.HALF_DEFAULT));
    if (half && device == DeviceMode.CPU) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + HALF
              + " true with --"
              + DEVICE
              + " cpu: half precision"
              + " runs on GPUs only");
    }
    KeyframeStylizeSettings settings =
        new KeyframeStylizeSettings(
            guide.mode(),
            options.getInt(BATCH_SIZE, Integer.parseInt(StylizeConfig.BATCH_SIZE_DEFAULT), 1, 256),
            device,
            options.getBoolean(
                CPU_FALLBACK, Boolean.parseBoolean(StylizeConfig.CPU_FALLBACK_DEFAULT)),
            half,
            options.getBoolean(OVERWRITE, Boolean.parseBoolean(OVERWRITE_DEFAULT)));
    return new KeyframeStylizeConfig(
        dataset,
        model,
        modelSha256,
        guide.variant(),
        options.getInt(
            MODEL_THREADS, Integer.parseInt(StylizeConfig.MODEL_THREADS_DEFAULT), 0, 1024),
        settings,
        options.getBoolean(SHARED_MOUNT, Boolean.parseBoolean(StylizeConfig.SHARED_MOUNT_DEFAULT)));
  }

  /** The few-shot dataset's output root. */
  public String dataset() {
    return dataset;
  }

  /** {@code --model}: a URI, or an absolute local path. */
  public String model() {
    return model;
  }

  /** The SHA-256 the model must have, or null for any. */
  public String modelSha256() {
    return modelSha256;
  }

  /**
   * The noise guide variant of {@link GuideMode#NOISE} ({@code r10_s10}), or null for the dataset's
   * first.
   */
  public String guideVariant() {
    return guideVariant;
  }

  /** Threads one inference may use (0: all processors). */
  public int modelThreads() {
    return modelThreads;
  }

  public KeyframeStylizeSettings settings() {
    return settings;
  }

  /** Whether a local dataset is a folder every node mounts at the same path. */
  public boolean sharedMount() {
    return sharedMount;
  }

  /** The options, by option name, as the summary lists them. */
  public Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put(DATASET, dataset);
    options.put(MODEL, model);
    options.put(MODEL_SHA256, modelSha256);
    options.put(
        GUIDE,
        settings.guide().name().toLowerCase(Locale.ROOT)
            + (guideVariant == null ? "" : ":" + guideVariant));
    options.put(OVERWRITE, settings.overwrite());
    options.put(BATCH_SIZE, settings.batchSize());
    options.put(DEVICE, settings.device().name().toLowerCase(Locale.ROOT));
    options.put(CPU_FALLBACK, settings.cpuFallback());
    options.put(HALF, settings.half());
    options.put(MODEL_THREADS, modelThreads);
    return options;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    options()
        .forEach(
            (name, value) ->
                text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value));
    return text.toString();
  }
}
