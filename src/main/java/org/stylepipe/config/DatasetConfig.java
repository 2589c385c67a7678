package org.stylepipe.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable configuration of a dataset job, built on the driver before any Spark work.
 *
 * <p>Options (command line {@code --name value}, or {@code name=value} in an options file):
 *
 * <ul>
 *   <li>{@value #INPUT} (required, repeatable): a recording, folder or glob on any Hadoop file system
 *   <li>{@value #OUTPUT} (required): the output root
 *   <li>{@value #SEGMENT_SECONDS}: length of the time segments one task decodes, default {@value
 *       #SEGMENT_SECONDS_DEFAULT}
 *   <li>{@value #SAMPLE}: {@code all}, {@code every:N} or {@code fps:F}, default {@value #SAMPLE_DEFAULT}
 *   <li>{@value #SIZE}: {@code WIDTHxHEIGHT}, default {@value #SIZE_DEFAULT}
 *   <li>{@value #RESIZE}: {@code stretch}, {@code fit} or {@code crop}, default {@value #RESIZE_DEFAULT}
 *   <li>{@value #MIRROR}: also write a horizontally mirrored copy, default {@value #MIRROR_DEFAULT}
 *   <li>{@value #FORMAT}: {@code png} or {@code jpeg}, default {@value #FORMAT_DEFAULT}
 *   <li>{@value #JPEG_QUALITY}: 1–100, default {@value #JPEG_QUALITY_DEFAULT}
 *   <li>{@value #DECODER_THREADS}: FFmpeg decoder threads per task, default {@value #DECODER_THREADS_DEFAULT}
 *   <li>{@value #OVERWRITE}: replace a dataset made with other options instead of refusing, default {@value
 *       #OVERWRITE_DEFAULT}
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

  /** Every option this job accepts. */
  public static final Set<String> OPTIONS =
      Set.of(
          INPUT, OUTPUT, SEGMENT_SECONDS, SAMPLE, SIZE, RESIZE, MIRROR, FORMAT, JPEG_QUALITY, DECODER_THREADS,
          OVERWRITE);

  private static final int MAX_SIDE = 8192;

  private final List<String> inputs;
  private final String output;
  private final long segmentMicros;
  private final FrameSettings frames;
  private final boolean overwrite;

  private DatasetConfig(
      List<String> inputs, String output, long segmentMicros, FrameSettings frames, boolean overwrite) {
    this.inputs = List.copyOf(inputs);
    this.output = output;
    this.segmentMicros = segmentMicros;
    this.frames = frames;
    this.overwrite = overwrite;
  }

  /** Validates the options; any problem is an {@link IllegalArgumentException} naming the option. */
  public static DatasetConfig from(OptionMap options) {
    options.rejectUnknown(OPTIONS);
    List<String> inputs = options.all(INPUT);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("Cannot run without option --" + INPUT + " (a recording, folder or glob)");
    }
    String output = options.require(OUTPUT);
    double seconds = options.getDouble(SEGMENT_SECONDS, Double.parseDouble(SEGMENT_SECONDS_DEFAULT), 0);
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
    return new DatasetConfig(inputs, output, Math.round(seconds * 1_000_000), frames, overwrite);
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
        "Cannot use --" + SIZE + " " + size + ": expected WIDTHxHEIGHT, each from 2 to " + MAX_SIDE);
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

  /** Whether an existing dataset made with other options is replaced rather than refused. */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * Everything that decides which files the job writes and what they hold: a rerun with the same fingerprint
   * resumes, one with another is refused unless {@link #overwrite()}.
   */
  public String fingerprint() {
    return String.format("inputs=%s segment-seconds=%s %s", inputs, segmentMicros / 1e6, frames);
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
    return options;
  }

  @Override
  public String toString() {
    return String.format("%s output=%s overwrite=%s", fingerprint(), output, overwrite);
  }
}
