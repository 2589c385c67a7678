package org.stylepipe.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.stylepipe.stylize.DefaultModel;
import org.stylepipe.video.H264Rate;
import org.stylepipe.video.VideoEncoder;
import org.stylepipe.video.VideoStreams;

/**
 * The validated, immutable configuration of a stylize job, built on the driver before any Spark
 * work. The model file itself is checked by loading it, in {@code StylizeJob.prepare}.
 *
 * <p>Options (command line {@code --name value}, or {@code name=value} in an options file):
 *
 * <ul>
 *   <li>{@value #INPUT} (repeatable): a recording, folder or glob on any Hadoop file system
 *   <li>{@value #DATASET}: instead of recordings, a few-shot dataset (the dataset job's {@code
 *       --layout fewshot}) whose sequences are stylized, every frame with its noise guide; its
 *       sequences' size, {@value #SEQUENCES} {@code all} (default), {@code original} or {@code
 *       mirrored}, and {@value #WRITE_FRAMES} true by default
 *   <li>{@value #OUTPUT} (required): the output root
 *   <li>{@value #MODEL}: a {@code .npz}, {@code .pt} or {@code .onnx} style model: a local path or
 *       any Hadoop URI ({@code s3a://}, {@code hdfs://}, {@code file://}); the driver reads it and
 *       ships it to the executors; default: the {@link DefaultModel}, read and shipped alike
 *   <li>{@value #MODEL_SHA256}: the SHA-256 the model's bytes must have (64 hex digits); default:
 *       any, the one read is recorded
 *   <li>{@value #BATCH_SIZE}: frames per inference, default {@value #BATCH_SIZE_DEFAULT}
 *   <li>{@value #DEVICE}: {@code auto}, {@code cpu} or {@code gpu} ({@link DeviceMode}), default
 *       {@value #DEVICE_DEFAULT}
 *   <li>{@value #ENGINE}: {@code auto}, {@code pytorch} or {@code onnxruntime} ({@link
 *       EngineMode}), default {@value #ENGINE_DEFAULT}; {@code .pt} models run on PyTorch only,
 *       {@code .onnx} ones on ONNX Runtime only, {@code .npz} ones on either (on ONNX Runtime as
 *       their ONNX export, made by the driver)
 *   <li>{@value #CPU_FALLBACK}: run on the CPU where a GPU was asked for or assigned but the engine
 *       sees no CUDA device (otherwise an error), default {@value #CPU_FALLBACK_DEFAULT}
 *   <li>{@value #HALF}: float16 inference on GPUs ({@code .npz} models only), default {@value
 *       #HALF_DEFAULT}
 *   <li>{@value #SEGMENT_SECONDS}: length of the time segments one task stylizes, default {@value
 *       #SEGMENT_SECONDS_DEFAULT}
 *   <li>{@value #SIZE}: {@code WIDTHxHEIGHT} (even numbers) to stylize at, default the source's
 *       size
 *   <li>{@value #WRITE_FRAMES}: also write each stylized frame as PNG, default {@value
 *       #WRITE_FRAMES_DEFAULT}
 *   <li>{@value #VIDEO}: write the stylized video, default {@value #VIDEO_DEFAULT}
 *   <li>{@value #VIDEO_QUALITY}: the H.264 quantizer of every frame, 1 (best) to 51, default
 *       {@value #VIDEO_QUALITY_DEFAULT}
 *   <li>{@value #VIDEO_KBPS}: the most H.264 bit rate in kbit/s, or {@code auto} (0.5 bits per
 *       pixel per frame, at least 2000), default {@value #VIDEO_KBPS_DEFAULT}
 *   <li>{@value #GUIDE}: {@code none}, {@code black} or {@code noise[:VARIANT]} ({@link
 *       GuideMode}), the guide image of a 6-channel model, default {@value #GUIDE_DEFAULT}; with
 *       recordings, {@code noise} makes the noise guides first, as the dataset job's {@code
 *       --layout fewshot} with {@code --mirror false --flow-files false} and the guide options
 *       {@value #MASK}, {@value #MASK_ERODE}, {@value #MASK_DILATE}, {@value #FLOW_PRESET}, {@value
 *       #NOISE} (the variants made; the guide is VARIANT's, or the first's), {@value #NOISE_SEED},
 *       {@value #KEYFRAMES} and {@value #KEY_REACH} with its defaults
 *   <li>{@value #MODEL_THREADS}: threads per inference, 0 for all processors, default {@value
 *       #MODEL_THREADS_DEFAULT} (Spark runs one task per core)
 *   <li>{@value #DECODER_THREADS}: FFmpeg decoder threads per task, default {@value
 *       #DECODER_THREADS_DEFAULT}
 *   <li>{@value #ENCODER}: the H.264 encoder, {@code openh264}, {@code nvenc} or {@code auto}
 *       ({@link EncoderMode}), default {@value #ENCODER_DEFAULT}
 *   <li>{@value #FLICKER}: after the videos are joined, measure the flicker (E_warp) of input and
 *       output, default {@value #FLICKER_DEFAULT}; only where the video is written (it is measured
 *       on the video)
 *   <li>{@value #OVERWRITE}: replace an output made with other options or another model, default
 *       {@value #OVERWRITE_DEFAULT} (an output made with the same options is resumed, any other is
 *       refused)
 *   <li>{@value #SHARED_MOUNT}: a local {@code --output} is a folder every node of the cluster
 *       mounts at the same path, default {@value #SHARED_MOUNT_DEFAULT} (a local output is refused
 *       with a cluster master)
 * </ul>
 */
public final class StylizeConfig {
  public static final String INPUT = "input";
  public static final String DATASET = "dataset";
  public static final String OUTPUT = "output";
  public static final String MODEL = "model";
  public static final String MODEL_SHA256 = "model-sha256";
  public static final String BATCH_SIZE = "batch-size";
  public static final String BATCH_SIZE_DEFAULT = "4";
  public static final String DEVICE = "device";
  public static final String DEVICE_DEFAULT = "auto";
  public static final String ENGINE = "engine";
  public static final String ENGINE_DEFAULT = "auto";
  public static final String CPU_FALLBACK = "cpu-fallback";
  public static final String CPU_FALLBACK_DEFAULT = "false";
  public static final String HALF = "half";
  public static final String HALF_DEFAULT = "false";
  public static final String SEGMENT_SECONDS = "segment-seconds";
  public static final String SEGMENT_SECONDS_DEFAULT = "10";
  public static final String SIZE = "size";
  public static final String WRITE_FRAMES = "write-frames";
  public static final String WRITE_FRAMES_DEFAULT = "false";
  public static final String VIDEO = "video";
  public static final String VIDEO_DEFAULT = "true";
  public static final String VIDEO_QUALITY = "video-quality";
  public static final String VIDEO_QUALITY_DEFAULT = "22";
  public static final String VIDEO_KBPS = "video-kbps";
  public static final String VIDEO_KBPS_DEFAULT = "auto";
  public static final String GUIDE = "guide";
  public static final String GUIDE_DEFAULT = "none";
  public static final String MODEL_THREADS = "model-threads";
  public static final String MODEL_THREADS_DEFAULT = "1";
  public static final String DECODER_THREADS = "decoder-threads";
  public static final String DECODER_THREADS_DEFAULT = "1";
  public static final String ENCODER = "encoder";
  public static final String ENCODER_DEFAULT = "openh264";
  public static final String FLICKER = "flicker";
  public static final String FLICKER_DEFAULT = "true";
  public static final String OVERWRITE = "overwrite";
  public static final String VIDEO_STREAM = DatasetConfig.VIDEO_STREAM;
  public static final String OVERWRITE_DEFAULT = "false";
  public static final String SHARED_MOUNT = "shared-mount";
  public static final String SHARED_MOUNT_DEFAULT = "false";
  public static final String SEQUENCES = "sequences";
  public static final String SEQUENCES_DEFAULT = "all";
  public static final String MASK = DatasetConfig.MASK;
  public static final String MASK_ERODE = DatasetConfig.MASK_ERODE;
  public static final String MASK_DILATE = DatasetConfig.MASK_DILATE;
  public static final String FLOW_PRESET = DatasetConfig.FLOW_PRESET;
  public static final String NOISE = DatasetConfig.NOISE;
  public static final String NOISE_SEED = DatasetConfig.NOISE_SEED;
  public static final String KEYFRAMES = DatasetConfig.KEYFRAMES;
  public static final String KEY_REACH = DatasetConfig.KEY_REACH;

  /** The options that make noise guides from recordings ({@code --guide noise}). */
  public static final Set<String> NOISE_OPTIONS =
      Set.of(MASK, MASK_ERODE, MASK_DILATE, FLOW_PRESET, NOISE, NOISE_SEED, KEYFRAMES, KEY_REACH);

  /** Every option this job accepts. */
  public static final Set<String> OPTIONS =
      Set.of(
          INPUT,
          OUTPUT,
          MODEL,
          BATCH_SIZE,
          DEVICE,
          ENGINE,
          CPU_FALLBACK,
          HALF,
          SEGMENT_SECONDS,
          SIZE,
          WRITE_FRAMES,
          VIDEO,
          VIDEO_QUALITY,
          VIDEO_KBPS,
          GUIDE,
          MODEL_THREADS,
          DECODER_THREADS,
          ENCODER,
          FLICKER,
          MODEL_SHA256,
          OVERWRITE,
          VIDEO_STREAM,
          SHARED_MOUNT,
          DATASET,
          SEQUENCES,
          MASK,
          MASK_ERODE,
          MASK_DILATE,
          FLOW_PRESET,
          NOISE,
          NOISE_SEED,
          KEYFRAMES,
          KEY_REACH);

  private final List<String> inputs;
  private final String dataset;
  private final String output;
  private final String model;
  private final String modelSha256;
  private final long segmentMicros;
  private final StylizeSettings settings;
  private final EngineMode engine;
  private final boolean flicker;
  private final boolean overwrite;
  private final int videoStream;
  private final boolean sharedMount;
  private final GuideChoice guide;
  private final String sequences;
  private final GuideSettings noiseGuides;

  private StylizeConfig(
      List<String> inputs,
      String dataset,
      String output,
      String model,
      String modelSha256,
      long segmentMicros,
      StylizeSettings settings,
      EngineMode engine,
      boolean flicker,
      boolean overwrite,
      int videoStream,
      boolean sharedMount,
      GuideChoice guide,
      String sequences,
      GuideSettings noiseGuides) {
    this.inputs = List.copyOf(inputs);
    this.dataset = dataset;
    this.output = output;
    this.model = model;
    this.modelSha256 = modelSha256;
    this.segmentMicros = segmentMicros;
    this.settings = settings;
    this.engine = engine;
    this.flicker = flicker;
    this.overwrite = overwrite;
    this.videoStream = videoStream;
    this.sharedMount = sharedMount;
    this.guide = guide;
    this.sequences = sequences;
    this.noiseGuides = noiseGuides;
  }

  /**
   * Validates the options; any problem is an {@link IllegalArgumentException} naming the option.
   */
  public static StylizeConfig from(OptionMap options) {
    options.rejectUnknown(OPTIONS);
    List<String> inputs = options.all(INPUT);
    String dataset = options.get(DATASET, null);
    if (inputs.isEmpty() == (dataset == null)) {
      throw new IllegalArgumentException(
          "Cannot run with "
              + (dataset == null ? "neither" : "both")
              + " --"
              + INPUT
              + " (a recording, folder or glob) "
              + (dataset == null ? "nor" : "and")
              + " --"
              + DATASET
              + " (a few-shot dataset): give one");
    }
    GuideChoice guide = GuideChoice.parse(GUIDE, options.get(GUIDE, GUIDE_DEFAULT));
    if (dataset != null && guide.mode() != GuideMode.NOISE) {
      throw new IllegalArgumentException(
          "Cannot stylize a few-shot dataset (--"
              + DATASET
              + ") with --"
              + GUIDE
              + " "
              + options.get(GUIDE, GUIDE_DEFAULT)
              + ": it is stylized with its noise guides, --"
              + GUIDE
              + " noise[:VARIANT]");
    }
    String sequences = options.get(SEQUENCES, SEQUENCES_DEFAULT).trim().toLowerCase(Locale.ROOT);
    if (!Set.of("all", "original", "mirrored").contains(sequences)) {
      throw new IllegalArgumentException(
          "Cannot use --" + SEQUENCES + " " + sequences + ": expected all, original or mirrored");
    }
    rejectWithout(options, Set.of(SEQUENCES), dataset != null, "--" + DATASET);
    rejectWithout(
        options, Set.of(SIZE), dataset == null, "--" + INPUT + " (a dataset has its size)");
    rejectWithout(
        options,
        NOISE_OPTIONS,
        dataset == null && guide.mode() == GuideMode.NOISE,
        "--" + INPUT + " and --" + GUIDE + " noise");
    GuideSettings noiseGuides =
        dataset == null && guide.mode() == GuideMode.NOISE
            ? GuideOptions.settings(options, false)
            : null;
    if (noiseGuides != null
        && guide.variant() != null
        && noiseGuides.noise().stream().noneMatch(v -> v.name().equals(guide.variant()))) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + GUIDE
              + " noise:"
              + guide.variant()
              + ": it is not one of the noise variants made, --"
              + NOISE
              + " "
              + options.get(NOISE, DatasetConfig.NOISE_DEFAULT));
    }
    String output = options.require(OUTPUT);
    String modelText = options.get(MODEL, null);
    if (modelText == null && guide.mode() != GuideMode.NONE) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + GUIDE
              + " "
              + options.get(GUIDE, GUIDE_DEFAULT)
              + " without --"
              + MODEL
              + ": the default model takes no guide image; give a guided model with --"
              + MODEL);
    }
    String model = modelText == null ? null : model(modelText);
    String modelSha256 = sha256(options.get(MODEL_SHA256, null));
    double seconds =
        options.getDouble(SEGMENT_SECONDS, Double.parseDouble(SEGMENT_SECONDS_DEFAULT), 0);
    if (seconds < 0.1) {
      throw new IllegalArgumentException(
          "Cannot use --" + SEGMENT_SECONDS + " " + seconds + ": segments must be at least 0.1 s");
    }
    int[] size = {0, 0};
    String sizeText = options.get(SIZE, null);
    if (sizeText != null) {
      size = DatasetConfig.parseSize(sizeText);
      if (size[0] < VideoEncoder.MIN_SIDE || size[1] < VideoEncoder.MIN_SIDE) {
        throw new IllegalArgumentException(
            "Cannot use --"
                + SIZE
                + " "
                + sizeText
                + ": H.264 video needs at least "
                + VideoEncoder.MIN_SIDE
                + "x"
                + VideoEncoder.MIN_SIDE);
      }
      if (size[0] % 2 != 0 || size[1] % 2 != 0) {
        throw new IllegalArgumentException(
            "Cannot use --"
                + SIZE
                + " "
                + sizeText
                + ": H.264 video needs an even width and height");
      }
    }
    DeviceMode device = options.getEnum(DEVICE, DeviceMode.AUTO);
    boolean half = options.getBoolean(HALF, Boolean.parseBoolean(HALF_DEFAULT));
    if (half && device == DeviceMode.CPU) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + HALF
              + " true with --"
              + DEVICE
              + " cpu: half precision"
              + " runs on GPUs only");
    }
    EngineMode engine = options.getEnum(ENGINE, EngineMode.AUTO);
    if (half && engine == EngineMode.ONNXRUNTIME) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + HALF
              + " true with --"
              + ENGINE
              + " onnxruntime: half precision runs .npz models on the PyTorch engine only; use --"
              + ENGINE
              + " pytorch or auto");
    }
    boolean writeFrames =
        options.getBoolean(
            WRITE_FRAMES, dataset != null || Boolean.parseBoolean(WRITE_FRAMES_DEFAULT));
    boolean video = options.getBoolean(VIDEO, Boolean.parseBoolean(VIDEO_DEFAULT));
    if (!writeFrames && !video) {
      throw new IllegalArgumentException(
          "Cannot run with --"
              + VIDEO
              + " false and --"
              + WRITE_FRAMES
              + " false: nothing would be written");
    }
    // Flicker is measured on the stylized video: without one there is nothing to measure.
    boolean flicker = options.getBoolean(FLICKER, Boolean.parseBoolean(FLICKER_DEFAULT)) && video;
    StylizeSettings settings =
        new StylizeSettings(
            options.getInt(BATCH_SIZE, Integer.parseInt(BATCH_SIZE_DEFAULT), 1, 256),
            device,
            options.getBoolean(CPU_FALLBACK, Boolean.parseBoolean(CPU_FALLBACK_DEFAULT)),
            half,
            size[0],
            size[1],
            writeFrames,
            video,
            options.getInt(
                VIDEO_QUALITY,
                Integer.parseInt(VIDEO_QUALITY_DEFAULT),
                H264Rate.MIN_QUANTIZER,
                H264Rate.MAX_QUANTIZER),
            parseKbps(options.get(VIDEO_KBPS, VIDEO_KBPS_DEFAULT)),
            guide.mode(),
            options.getInt(MODEL_THREADS, Integer.parseInt(MODEL_THREADS_DEFAULT), 0, 1024),
            options.getInt(DECODER_THREADS, Integer.parseInt(DECODER_THREADS_DEFAULT), 0, 64),
            options.getEnum(ENCODER, EncoderMode.OPENH264));
    return new StylizeConfig(
        inputs,
        dataset,
        output,
        model,
        modelSha256,
        Math.round(seconds * 1_000_000),
        settings,
        engine,
        flicker,
        options.getBoolean(OVERWRITE, Boolean.parseBoolean(OVERWRITE_DEFAULT)),
        DatasetConfig.videoStream(options, VIDEO_STREAM),
        options.getBoolean(SHARED_MOUNT, Boolean.parseBoolean(SHARED_MOUNT_DEFAULT)),
        guide,
        sequences,
        noiseGuides);
  }

  /**
   * {@code --model} as the job names it: a URI with a scheme as given, a local path made absolute.
   */
  static String model(String text) {
    String model = text.trim();
    return model.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")
        ? model
        : Path.of(model).toAbsolutePath().normalize().toString();
  }

  /** {@code --model-sha256} in lower case, or null if not given. */
  static String sha256(String text) {
    if (text == null) {
      return null;
    }
    String sha256 = text.trim().toLowerCase(Locale.ROOT);
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "Cannot use --" + MODEL_SHA256 + " " + text + ": expected 64 hexadecimal digits");
    }
    return sha256;
  }

  /** Refuses any of {@code names} given unless {@code allowed}, which needs {@code what}. */
  private static void rejectWithout(
      OptionMap options, Set<String> names, boolean allowed, String what) {
    Set<String> given = new TreeSet<>(names);
    given.retainAll(options.keys());
    if (!allowed && !given.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot use "
              + given.stream().map(n -> "--" + n).toList()
              + " here: "
              + (given.size() == 1 ? "it applies" : "they apply")
              + " with "
              + what
              + " only");
    }
  }

  private static final int MIN_KBPS = 50;
  private static final int MAX_KBPS = (int) (H264Rate.MAX_BIT_RATE / 1000);

  private static int parseKbps(String text) {
    if (text.trim().equalsIgnoreCase("auto")) {
      return 0;
    }
    try {
      int kbps = Integer.parseInt(text.trim());
      if (kbps >= MIN_KBPS && kbps <= MAX_KBPS) {
        return kbps;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException(
        "Cannot use --"
            + VIDEO_KBPS
            + " "
            + text
            + ": expected auto or kbit/s from "
            + MIN_KBPS
            + " to "
            + MAX_KBPS
            + " (H.264 level 5.2's most for OpenH264's Baseline profile)");
  }

  /** The recordings, folders or globs; empty with {@link #dataset()}. */
  public List<String> inputs() {
    return inputs;
  }

  /** The few-shot dataset to stylize, or null for recordings. */
  public String dataset() {
    return dataset;
  }

  /** The noise variant of {@code --guide noise:VARIANT}, or null for the first one. */
  public String guideVariant() {
    return guide.variant();
  }

  /** Whether the mirrored sequences of a dataset are stylized, and whether the original ones. */
  public boolean mirroredSequences() {
    return !sequences.equals("original");
  }

  public boolean originalSequences() {
    return !sequences.equals("mirrored");
  }

  /**
   * How noise guides are made from recordings with {@code --guide noise} (no flow files kept), or
   * null otherwise.
   */
  public GuideSettings noiseGuides() {
    return noiseGuides;
  }

  public String output() {
    return output;
  }

  /** {@code --model}: a URI, or an absolute local path; null for the {@link DefaultModel}. */
  public String model() {
    return model;
  }

  /** The SHA-256 the model must have, or null for any. */
  public String modelSha256() {
    return modelSha256;
  }

  /** {@code --engine}: how the engine that runs the model is picked. */
  public EngineMode engine() {
    return engine;
  }

  /** Whether an output of another job, or made with other options, is replaced, not refused. */
  public boolean overwrite() {
    return overwrite;
  }

  /** Whether a local output is a folder every node mounts at the same path. */
  public boolean sharedMount() {
    return sharedMount;
  }

  /**
   * Everything that decides which files the job writes and what they hold, with the SHA-256 of the
   * model's bytes (not its location) and the engine that runs it (engines differ by a level or two
   * in some pixels): a rerun with the same fingerprint resumes, one with another is refused unless
   * {@link #overwrite()}. Speed settings (batch size, threads, device choice) are not part of it.
   *
   * @param engine the DJL name of the engine the driver picked ({@code OnnxRuntime})
   */
  public String fingerprint(String modelSha256, String engine) {
    StylizeSettings s = settings;
    return String.format(
        Locale.ROOT,
        "inputs=%s%s video-stream=%s model-sha256=%s engine=%s segment-seconds=%s size=%s half=%s"
            + " video=%s write-frames=%s video-quality=%d video-kbps=%s guide=%s flicker=%s",
        inputs,
        dataset == null ? "" : " dataset=" + dataset + " sequences=" + sequences,
        videoStream == VideoStreams.DEFAULT ? "default" : videoStream,
        modelSha256,
        engine,
        segmentMicros / 1e6,
        s.width() == 0 ? "source" : s.width() + "x" + s.height(),
        s.half(),
        s.video(),
        s.writeFrames(),
        s.videoQuality(),
        s.videoKbps() == 0 ? "auto" : s.videoKbps(),
        guide + (noiseGuides == null ? "" : " " + noiseGuides),
        flicker);
  }

  public long segmentMicros() {
    return segmentMicros;
  }

  public StylizeSettings settings() {
    return settings;
  }

  /** The options besides inputs and output, by option name, as the job report lists them. */
  public Map<String, Object> options() {
    StylizeSettings s = settings;
    Map<String, Object> options = new LinkedHashMap<>();
    if (dataset != null) {
      options.put(DATASET, dataset);
      options.put(SEQUENCES, sequences);
    }
    options.put(MODEL, model == null ? "default: " + DefaultModel.NAME : model);
    options.put(MODEL_SHA256, modelSha256);
    options.put(BATCH_SIZE, s.batchSize());
    options.put(DEVICE, s.device().name().toLowerCase(Locale.ROOT));
    options.put(ENGINE, engine.name().toLowerCase(Locale.ROOT));
    options.put(CPU_FALLBACK, s.cpuFallback());
    options.put(HALF, s.half());
    options.put(SEGMENT_SECONDS, segmentMicros / 1e6);
    options.put(SIZE, s.width() == 0 ? "source" : s.width() + "x" + s.height());
    options.put(VIDEO, s.video());
    options.put(WRITE_FRAMES, s.writeFrames());
    options.put(VIDEO_QUALITY, s.videoQuality());
    options.put(VIDEO_KBPS, s.videoKbps() == 0 ? "auto" : s.videoKbps());
    options.put(GUIDE, guide.toString());
    if (noiseGuides != null) {
      options.put("guides", noiseGuides.toString());
    }
    options.put(MODEL_THREADS, s.modelThreads());
    options.put(DECODER_THREADS, s.decoderThreads());
    options.put(ENCODER, s.encoder().name().toLowerCase(Locale.ROOT));
    options.put(FLICKER, flicker);
    options.put(OVERWRITE, overwrite);
    options.put(SHARED_MOUNT, sharedMount);
    return options;
  }

  /** The video stream read from each recording, or {@link VideoStreams#DEFAULT}. */
  public int videoStream() {
    return videoStream;
  }

  /** Whether the flicker of input and output is measured after the videos are joined. */
  public boolean flicker() {
    return flicker;
  }

  @Override
  public String toString() {
    StylizeSettings s = settings;
    return String.format(
        Locale.ROOT,
        "inputs=%s%s output=%s model=%s segment-seconds=%s batch-size=%d device=%s engine=%s%s%s size=%s"
            + " write-frames=%s video=%s video-quality=%d video-kbps=%s guide=%s model-threads=%d"
            + " decoder-threads=%d encoder=%s flicker=%s"
            + " overwrite=%s shared-mount=%s",
        inputs,
        dataset == null ? "" : " dataset=" + dataset + " sequences=" + sequences,
        output,
        model == null ? "default:" + DefaultModel.NAME : model,
        segmentMicros / 1e6,
        s.batchSize(),
        s.device().name().toLowerCase(Locale.ROOT),
        engine.name().toLowerCase(Locale.ROOT),
        s.cpuFallback() ? " cpu-fallback" : "",
        s.half() ? " half" : "",
        s.width() == 0 ? "source" : s.width() + "x" + s.height(),
        s.writeFrames(),
        s.video(),
        s.videoQuality(),
        s.videoKbps() == 0 ? "auto" : s.videoKbps(),
        guide + (noiseGuides == null ? "" : " " + noiseGuides),
        s.modelThreads(),
        s.decoderThreads(),
        s.encoder().name().toLowerCase(Locale.ROOT),
        flicker,
        overwrite,
        sharedMount);
  }
}
