package org.stylepipe.ingest;

import java.io.Serializable;
import java.util.List;

/** What probing found in a recording (stream facts) and how it is cut into segments. */
public final class RecordingPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Recording recording;
  private final String format;
  private final String videoCodec;
  private final int width;
  private final int height;
  private final double frameRate;
  private final long durationUs;
  private final boolean hasAudio;
  private final long frameCount;
  private final List<SegmentPlan> segments;
  private final String warning;

  public RecordingPlan(
      Recording recording,
      String format,
      String videoCodec,
      int width,
      int height,
      double frameRate,
      long durationUs,
      boolean hasAudio,
      long frameCount,
      List<SegmentPlan> segments,
      String warning) {
    this.recording = recording;
    this.format = format;
    this.videoCodec = videoCodec;
    this.width = width;
    this.height = height;
    this.frameRate = frameRate;
    this.durationUs = durationUs;
    this.hasAudio = hasAudio;
    this.frameCount = frameCount;
    this.segments = List.copyOf(segments);
    this.warning = warning;
  }

  public Recording recording() {
    return recording;
  }

  public String format() {
    return format;
  }

  public String videoCodec() {
    return videoCodec;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The container's average frame rate (variable-rate recordings are cut by time all the same). */
  public double frameRate() {
    return frameRate;
  }

  public long durationUs() {
    return durationUs;
  }

  public boolean hasAudio() {
    return hasAudio;
  }

  /** Video frames the container lists (packets with a presentation time). */
  public long frameCount() {
    return frameCount;
  }

  public List<SegmentPlan> segments() {
    return segments;
  }

  /** A problem found while probing that still leaves decodable frames (e.g. truncation), or null. */
  public String warning() {
    return warning;
  }

  @Override
  public String toString() {
    return String.format(
        "%s: %s/%s %dx%d %.3f fps %.2f s, %d frames, %d segments%s%s",
        recording.id(),
        format,
        videoCodec,
        width,
        height,
        frameRate,
        durationUs / 1e6,
        frameCount,
        segments.size(),
        hasAudio ? ", audio" : "",
        warning == null ? "" : ", warning: " + warning);
  }
}
