package org.stylepipe.ingest;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.decode.Orientation;
import org.stylepipe.video.TimeBase;

/**
 * What probing found in a recording and how it is cut into segments.
 *
 * @param videoStream the index of the video stream read
 * @param videoStreams how many video streams the recording has
 * @param orientation how its pictures are turned upright (its display matrix)
 * @param width the width of the upright frames
 * @param height the height of the upright frames
 * @param frameRate the container's average rate (variable-rate recordings are cut by time all the
 *     same)
 * @param frameCount video frames the container lists (packets with a presentation time)
 * @param timeBase the video stream's time base
 * @param warning a problem found while probing that still leaves decodable frames (e.g.
 *     truncation), or null
 */
public record RecordingPlan(
    Recording recording,
    String format,
    String videoCodec,
    int videoStream,
    int videoStreams,
    Orientation orientation,
    int width,
    int height,
    double frameRate,
    long durationUs,
    boolean hasAudio,
    long frameCount,
    TimeBase timeBase,
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
        "%s: %s/%s%s %dx%d%s %.3f fps %.2f s, %d frames, %d segments%s%s",
        recording.id(),
        format,
        videoCodec,
        videoStreams > 1 ? " (video stream #" + videoStream + " of " + videoStreams + ")" : "",
        width,
        height,
        orientation.degrees() != 0 || orientation.applied() ? " " + orientation : "",
        frameRate,
        durationUs / 1e6,
        frameCount,
        segments.size(),
        hasAudio ? ", audio" : "",
        warning == null ? "" : ", warning: " + warning);
  }
}
