package org.stylepipe.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stylepipe.video.VideoStreams;

/**
 * The validated, immutable configuration of a flicker job, built on the driver before any Spark
 * work.
 *
 * <p>Options (command line {@code --name value}, or {@code name=value} in an options file):
 *
 * <ul>
 *   <li>{@value #INPUT} (required, repeatable): a recording, folder or glob on any Hadoop file
 *       system
 *   <li>{@value #STYLIZED} (required): the stylized video of the one recording, or the output root
 *       of a stylize job (whose {@code stylized/<recording>.mp4} is each recording's)
 *   <li>{@value #OUTPUT} (required): the output root (it may be the stylize job's)
 *   <li>{@value #SEGMENT_SECONDS}: length of the time segments one task measures, default {@value
 *       #SEGMENT_SECONDS_DEFAULT}
 *   <li>{@value #OVERWRITE}: replace an output of another job (but a stylize job's, which it joins)
 *       or a flicker output made with other options, default {@value #OVERWRITE_DEFAULT}
 *   <li>{@value #SHARED_MOUNT}: a local {@code --output} is a folder every node of the cluster
 *       mounts at the same path, default {@value #SHARED_MOUNT_DEFAULT}
 * </ul>
 */
public final class FlickerConfig {
  public static final String INPUT = "input";
  public static final String STYLIZED = "stylized";
  public static final String OUTPUT = "output";
  public static final String SEGMENT_SECONDS = "segment-seconds";
  public static final String SEGMENT_SECONDS_DEFAULT = "10";
  public static final String OVERWRITE = "overwrite";
  public static final String VIDEO_STREAM = DatasetConfig.VIDEO_STREAM;
  public static final String OVERWRITE_DEFAULT = "false";
  public static final String SHARED_MOUNT = StylizeConfig.SHARED_MOUNT;
  public static final String SHARED_MOUNT_DEFAULT = StylizeConfig.SHARED_MOUNT_DEFAULT;

  /** Every option this job accepts. */
  public static final Set<String> OPTIONS =
      Set.of(INPUT, STYLIZED, OUTPUT, SEGMENT_SECONDS, OVERWRITE, VIDEO_STREAM, SHARED_MOUNT);

  private final List<String> inputs;
  private final String stylized;
  private final String output;
  private final long segmentMicros;
  private final boolean overwrite;
  private final int videoStream;
  private final boolean sharedMount;

  private FlickerConfig(
      List<String> inputs,
      String stylized,
      String output,
      long segmentMicros,
      boolean overwrite,
      int videoStream,
      boolean sharedMount) {
    this.inputs = List.copyOf(inputs);
    this.stylized = stylized;
    this.output = output;
    this.segmentMicros = segmentMicros;
    this.overwrite = overwrite;
    this.videoStream = videoStream;
    this.sharedMount = sharedMount;
  }

  /**
   * Validates the options; any problem is an {@link IllegalArgumentException} naming the option.
   */
  public static FlickerConfig from(OptionMap options) {
    options.rejectUnknown(OPTIONS);
    List<String> inputs = options.all(INPUT);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot run without option --" + INPUT + " (a recording, folder or glob)");
    }
    String stylized = options.require(STYLIZED);
    String output = options.require(OUTPUT);
    double seconds =
        options.getDouble(SEGMENT_SECONDS, Double.parseDouble(SEGMENT_SECONDS_DEFAULT), 0);
    if (seconds < 0.1) {
      throw new IllegalArgumentException(
          "Cannot use --" + SEGMENT_SECONDS + " " + seconds + ": segments must be at least 0.1 s");
    }
    return new FlickerConfig(
        inputs,
        stylized,
        output,
        Math.round(seconds * 1_000_000),
        options.getBoolean(OVERWRITE, Boolean.parseBoolean(OVERWRITE_DEFAULT)),
        DatasetConfig.videoStream(options, VIDEO_STREAM),
        options.getBoolean(SHARED_MOUNT, Boolean.parseBoolean(SHARED_MOUNT_DEFAULT)));
  }

  public List<String> inputs() {
    return inputs;
  }

  /** The stylized video, or a stylize job's output root, as given. */
  public String stylized() {
    return stylized;
  }

  public String output() {
    return output;
  }

  public long segmentMicros() {
    return segmentMicros;
  }

  /** Whether an output of another job or made with other options is replaced, not refused. */
  public boolean overwrite() {
    return overwrite;
  }

  /** The video stream read from each recording, or {@link VideoStreams#DEFAULT}. */
  public int videoStream() {
    return videoStream;
  }

  /** Whether a local output is a folder every node mounts at the same path. */
  public boolean sharedMount() {
    return sharedMount;
  }

  /** What decides the files the job writes: a rerun with others is refused unless overwriting. */
  public String fingerprint() {
    return String.format(
        Locale.ROOT,
        "inputs=%s video-stream=%d stylized=%s segment-seconds=%s",
        inputs,
        videoStream,
        stylized,
        segmentMicros / 1e6);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "inputs=%s stylized=%s output=%s segment-seconds=%s",
        inputs,
        stylized,
        output,
        segmentMicros / 1e6);
  }
}
