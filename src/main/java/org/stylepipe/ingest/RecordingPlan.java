package org.stylepipe.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * What probing found in a recording and how it is cut into segments.
 *
 * @param frameRate the container's average rate (variable-rate recordings are cut by time all the
 *     same)
 * @param frameCount video frames the container lists (packets with a presentation time)
 * @param warning a problem found while probing that still leaves decodable frames (e.g.
 *     truncation), or null
 */
public record RecordingPlan(
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
    String warning)
    implements Serializable {

  public RecordingPlan {
    segments = List.copyOf(segments);
  }

  /** Frames the sampling keeps, over all segments. */
  public long keptFrameCount() {
    return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).kept().lastNumber();
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
