package org.stylepipe.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.NoiseVariant;
import org.stylepipe.video.VideoStreams;

/**
 * The validated, immutable configuration of a dataset job, built on the driver before any Spark
 * work.
 *
 * <p>Options (command line {@code --name value}, or {@code name=value} in an options file):
 *
 * <ul>
 *   <li>{@value #INPUT} (required, repeatable): a recording, folder or glob on any Hadoop file
 *       system
 *   <li>{@value #OUTPUT} (required): the output root
 *   <li>{@value #SEGMENT_SECONDS}: length of the time segments one task decodes, default {@value
 *       #SEGMENT_SECONDS_DEFAULT}
 *   <li>{@value #SAMPLE}: {@code all}, {@code every:N} or {@code fps:F}, default {@value
 *       #SAMPLE_DEFAULT}
 *   <li>{@value #SIZE}: {@code WIDTHxHEIGHT}, default {@value #SIZE_DEFAULT}
 *   <li>{@value #RESIZE}: {@code stretch}, {@code fit} or {@code crop}, default {@value
 *       #RESIZE_DEFAULT}
 *   <li>{@value #MIRROR}: also write a horizontally mirrored copy, default {@value #MIRROR_DEFAULT}
 *   <li>{@value #FORMAT}: {@code png} or {@code jpeg}, default {@value #FORMAT_DEFAULT}
 *   <li>{@value #JPEG_QUALITY}: 1–100, default {@value #JPEG_QUALITY_DEFAULT}
 *   <li>{@value #DECODER_THREADS}: FFmpeg decoder threads per task, default {@value
 *       #DECODER_THREADS_DEFAULT}
 *   <li>{@value #OVERWRITE}: replace a dataset made with other options instead of refusing, default
 *       {@value #OVERWRITE_DEFAULT}
 *   <li>{@value #SHARED_MOUNT}: a local {@code --output} is a folder every node of the cluster
 *       mounts at the same path, default {@value #SHARED_MOUNT_DEFAULT} (a local output is refused
 *       with a cluster master)
 *   <li>{@value #LAYOUT}: {@code frames} or {@code fewshot} ({@link DatasetLayout}), default
 *       {@value #LAYOUT_DEFAULT}
 * </ul>
 *
 * <p>Guide options, for {@code --layout fewshot} only ({@link GuideSettings}):
 *
 * <ul>
 *   <li>{@value #MASK}: {@code full}, {@code luma[:T]}, {@code chroma:RRGGBB[:TOL]}, {@code
 *       mog2[:H]}, {@code knn[:H]} or {@code track}, default {@value #MASK_DEFAULT}
 *   <li>{@value #MASK_ERODE}, {@value #MASK_DILATE}: radii in pixels, erosion first, default 0
 *   <li>{@value #FLOW_PRESET}: DIS preset {@code ultrafast}, {@code fast} or {@code medium},
 *       default {@value #FLOW_PRESET_DEFAULT}
 *   <li>{@value #FLOW_FILES}: keep the flow files in the layout ({@code flow_fwd/}, {@code
 *       flow_bwd/}: 8 bytes a pixel each), default {@value #FLOW_FILES_DEFAULT}
 *   <li>{@value #NOISE}: noise guide variants, default {@value #NOISE_DEFAULT}
 *   <li>{@value #NOISE_SEED}: seed of the noise points, default {@value #NOISE_SEED_DEFAULT}
 *   <li>{@value #KEYFRAMES}: {@code every:N}, {@code scene:T} or {@code list:N,...}, default
 *       {@value #KEYFRAMES_DEFAULT}
 *   <li>{@value #KEY_REACH}: keys each way a key's noise points are tracked to, or {@code all},
 *       default {@value #KEY_REACH_DEFAULT}
 *   <li>{@value #KEYFRAMES_FROM}: a folder of painted keyframes, {@code
 *       DIR/<sequence>/<number>.png}, copied into each sequence's {@code output/}; not part of the
 *       options a rerun must match, so it can be added later
 * </ul>
 */
public final class DatasetConfig {
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  public static final String SEGMENT_SECONDS = "segment-seconds";
  public static final String SEGMENT_SECONDS_DEFAULT = "10";
  public static final String SAMPLE = "sample";
  public static final String SAMPLE_DEFAULT = "all";
  public static final String SIZE = "size";
  public static final String SIZE_DEFAULT = "640x480";
  public static final String RESIZE = "resize";
  public static final String RESIZE_DEFAULT = "stretch";
  public static final String MIRROR = "mirror";
  public static final String MIRROR_DEFAULT = "true";
  public static final String FORMAT = "format";
  public static final String FORMAT_DEFAULT = "png";
  public static final String JPEG_QUALITY = "jpeg-quality";
  public static final String JPEG_QUALITY_DEFAULT = "95";
  public static final String DECODER_THREADS = "decoder-threads";
  public static final String DECODER_THREADS_DEFAULT = "1";
  public static final String OVERWRITE = "overwrite";
  public static final String OVERWRITE_DEFAULT = "false";
  public static final String VIDEO_STREAM = "video-stream";
  public static final String SHARED_MOUNT = StylizeConfig.SHARED_MOUNT;
  public static final String SHARED_MOUNT_DEFAULT = StylizeConfig.SHARED_MOUNT_DEFAULT;
  public static final String LAYOUT = "layout";
  public static final String LAYOUT_DEFAULT = "frames";
  public static final String MASK = "mask";
  public static final String MASK_DEFAULT = "full";
  public static final String MASK_ERODE = "mask-erode";
  public static final String MASK_DILATE = "mask-dilate";
  public static final String FLOW_PRESET = "flow-preset";
  public static final String FLOW_PRESET_DEFAULT = "medium";
  public static final String FLOW_FILES = "flow-files";
  public static final String FLOW_FILES_DEFAULT = "true";
  public static final String NOISE = "noise";
  public static final String NOISE_DEFAULT = "r10_s10,r10_s15";
  public static final String NOISE_SEED = "noise-seed";
  public static final String NOISE_SEED_DEFAULT = "1";
  public static final String KEYFRAMES = "keyframes";
  public static final String KEYFRAMES_DEFAULT = "every:100";
  public static final String KEY_REACH = "key-reach";
  public static final String KEY_REACH_DEFAULT = "1";
  public static final String KEYFRAMES_FROM = "keyframes-from";

  /** The options that only {@code --layout fewshot} takes. */
  public static final Set<String> GUIDE_OPTIONS =
      Set.of(
          MASK,
          MASK_ERODE,
          MASK_DILATE,
          FLOW_PRESET,
          FLOW_FILES,
          NOISE,
          NOISE_SEED,
          KEYFRAMES,
          KEY_REACH,
          KEYFRAMES_FROM);

  /** Every option this job accepts. */
  public static final Set<String> OPTIONS =
      union(
          Set.of(
              INPUT,
              OUTPUT,
              SEGMENT_SECONDS,
              SAMPLE,
              SIZE,
              RESIZE,
              MIRROR,
              FORMAT,
              JPEG_QUALITY,
              DECODER_THREADS,
              OVERWRITE,
              VIDEO_STREAM,
              SHARED_MOUNT,
              LAYOUT),
          GUIDE_OPTIONS);

  private static final int MAX_SIDE = 8192;

  private final List<String> inputs;
  private final String output;
  private final long segmentMicros;
  private final FrameSettings frames;
  private final boolean overwrite;
  private final GuideSettings guides;
  private final String keyframesFrom;
  private final int videoStream;
  private final boolean sharedMount;

  private DatasetConfig(
      List<String> inputs,
      String output,
      long segmentMicros,
      FrameSettings frames,
      boolean overwrite,
      GuideSettings guides,
      String keyframesFrom,
      int videoStream,
      boolean sharedMount) {
    this.inputs = List.copyOf(inputs);
    this.output = output;
    this.segmentMicros = segmentMicros;
    this.frames = frames;
    this.overwrite = overwrite;
    this.guides = guides;
    this.keyframesFrom = keyframesFrom;
    this.videoStream = videoStream;
    this.sharedMount = sharedMount;
  }

  /**
   * Validates the options; any problem is an {@link IllegalArgumentException} naming the option.
   */
  public static DatasetConfig from(OptionMap options) {
    options.rejectUnknown(OPTIONS);
    List<String> inputs = options.all(INPUT);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot run without option --" + INPUT + " (a recording, folder or glob)");
    }
    String output = options.require(OUTPUT);
    double seconds =
        options.getDouble(SEGMENT_SECONDS, Double.parseDouble(SEGMENT_SECONDS_DEFAULT), 0);
    if (seconds < 0.1) {
      throw new IllegalArgumentException(
          "Cannot use --" + SEGMENT_SECONDS + " " + seconds + ": segments must be at least 0.1 s");
    }
    String size = options.get(SIZE, SIZE_DEFAULT);
    int[] wh = parseSize(size);
    Sampling sampling = Sampling.parse(options.get(SAMPLE, SAMPLE_DEFAULT));
    FrameSettings frames =
        new FrameSettings(
            sampling,
            wh[0],
            wh[1],
            options.getEnum(RESIZE, ResizeMode.STRETCH),
            options.getBoolean(MIRROR, Boolean.parseBoolean(MIRROR_DEFAULT)),
            options.getEnum(FORMAT, ImageFormat.PNG),
            options.getInt(JPEG_QUALITY, Integer.parseInt(JPEG_QUALITY_DEFAULT), 1, 100),
            options.getInt(DECODER_THREADS, Integer.parseInt(DECODER_THREADS_DEFAULT), 0, 64));
    boolean overwrite = options.getBoolean(OVERWRITE, Boolean.parseBoolean(OVERWRITE_DEFAULT));
    DatasetLayout layout = options.getEnum(LAYOUT, DatasetLayout.FRAMES);
    GuideSettings guides = null;
    if (layout == DatasetLayout.FEWSHOT) {
      guides =
          GuideOptions.settings(
              options, options.getBoolean(FLOW_FILES, Boolean.parseBoolean(FLOW_FILES_DEFAULT)));
      if (frames.format() != ImageFormat.PNG) {
        throw new IllegalArgumentException(
            "Cannot use --"
                + FORMAT
                + " "
                + options.get(FORMAT, FORMAT_DEFAULT)
                + " with --"
                + LAYOUT
                + " fewshot: the few-shot trainer reads PNG images");
      }
      if (output.contains("_train")) {
        throw new IllegalArgumentException(
            "Cannot use --"
                + OUTPUT
                + " "
                + output
                + " with --"
                + LAYOUT
                + " fewshot: the path contains '_train', and the trainer finds its _gen folders by replacing every"
                + " '_train' in the path");
      }
    } else {
      Set<String> given = new TreeSet<>(GUIDE_OPTIONS);
      given.retainAll(options.keys());
      if (!given.isEmpty()) {
        throw new IllegalArgumentException(
            "Cannot use options "
                + given
                + " with --"
                + LAYOUT
                + " "
                + options.get(LAYOUT, LAYOUT_DEFAULT)
                + ": guides are made for --"
                + LAYOUT
                + " fewshot only");
      }
    }
    return new DatasetConfig(
        inputs,
        output,
        Math.round(seconds * 1_000_000),
        frames,
        overwrite,
        guides,
        options.get(KEYFRAMES_FROM, null),
        videoStream(options, VIDEO_STREAM),
        options.getBoolean(SHARED_MOUNT, Boolean.parseBoolean(SHARED_MOUNT_DEFAULT)));
  }

  /**
   * The video stream option {@code key}: an index, or {@link VideoStreams#DEFAULT} (the stream
   * ffmpeg picks) if absent.
   */
  static int videoStream(OptionMap options, String key) {
    return options.getInt(key, VideoStreams.DEFAULT, 0, 1023);
  }

  /** The video stream read from each recording, or {@link VideoStreams#DEFAULT}. */
  public int videoStream() {
    return videoStream;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  static int[] parseSize(String size) {
    String[] parts = size.trim().toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        int w = Integer.parseInt(parts[0]);
        int h = Integer.parseInt(parts[1]);
        if (w >= 2 && h >= 2 && w <= MAX_SIDE && h <= MAX_SIDE) {
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException(
        "Cannot use --"
            + SIZE
            + " "
            + size
            + ": expected WIDTHxHEIGHT, each from 2 to "
            + MAX_SIDE);
  }

  public List<String> inputs() {
    return inputs;
  }

  public String output() {
    return output;
  }

  public long segmentMicros() {
    return segmentMicros;
  }

  public FrameSettings frames() {
    return frames;
  }

  public DatasetLayout layout() {
    return guides == null ? DatasetLayout.FRAMES : DatasetLayout.FEWSHOT;
  }

  /**
   * The guides of a {@link DatasetLayout#FEWSHOT} dataset; null for {@link DatasetLayout#FRAMES}.
   */
  public GuideSettings guides() {
    return guides;
  }

  /**
   * The folder of painted keyframes to copy into the few-shot sequences' {@code output/}, or null.
   */
  public String keyframesFrom() {
    return keyframesFrom;
  }

  /** Whether an existing dataset made with other options is replaced rather than refused. */
  public boolean overwrite() {
    return overwrite;
  }

  /** Whether a local output is a folder every node mounts at the same path. */
  public boolean sharedMount() {
    return sharedMount;
  }

  /**
   * Everything that decides which files the job writes and what they hold: a rerun with the same
   * fingerprint resumes, one with another is refused unless {@link #overwrite()}.
   */
  public String fingerprint() {
    return String.format(
        "inputs=%s segment-seconds=%s %s%s%s",
        inputs,
        segmentMicros / 1e6,
        frames,
        videoStream == VideoStreams.DEFAULT ? "" : " video-stream=" + videoStream,
        guides == null ? "" : " layout=fewshot " + guides);
  }

  /** The options besides inputs and output, by option name, as the job report lists them. */
  public Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put(SEGMENT_SECONDS, segmentMicros / 1e6);
    options.put(SAMPLE, frames.sampling().toString());
    options.put(SIZE, frames.width() + "x" + frames.height());
    options.put(RESIZE, frames.resizeMode().name().toLowerCase(Locale.ROOT));
    options.put(MIRROR, frames.mirror());
    options.put(FORMAT, frames.format().name().toLowerCase(Locale.ROOT));
    options.put(JPEG_QUALITY, frames.jpegQuality());
    options.put(DECODER_THREADS, frames.decoderThreads());
    options.put(OVERWRITE, overwrite);
    options.put(VIDEO_STREAM, videoStream == VideoStreams.DEFAULT ? "default" : videoStream);
    options.put(LAYOUT, layout().name().toLowerCase(Locale.ROOT));
    if (guides != null) {
      options.put(MASK, GuideOptions.format(guides.mask()));
      options.put(MASK_ERODE, guides.mask().erode());
      options.put(MASK_DILATE, guides.mask().dilate());
      options.put(FLOW_PRESET, guides.flowPreset().name().toLowerCase(Locale.ROOT));
      options.put(FLOW_FILES, guides.flowFiles());
      options.put(NOISE, guides.noise().stream().map(NoiseVariant::name).toList());
      options.put(NOISE_SEED, guides.seed());
      options.put(KEYFRAMES, guides.keyframes().toString());
      options.put(KEY_REACH, guides.keyReach() == KeySpan.ALL ? "all" : guides.keyReach());
      options.put(KEYFRAMES_FROM, keyframesFrom);
    }
    return options;
  }

  @Override
  public String toString() {
    return String.format(
        "%s output=%s overwrite=%s%s",
        fingerprint(),
        output,
        overwrite,
        keyframesFrom == null ? "" : " keyframes-from=" + keyframesFrom);
  }
}
