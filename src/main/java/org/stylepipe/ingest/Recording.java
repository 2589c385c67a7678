package org.stylepipe.ingest;

import java.io.Serializable;
import org.stylepipe.video.VideoStreams;

/**
 * A recording to process: its stable id (used in output paths), its fully qualified location (a
 * Hadoop path string, not URI-escaped) and the video stream to read ({@link VideoStreams#DEFAULT}:
 * the one ffmpeg picks).
 */
public record Recording(String id, String uri, int videoStream) implements Serializable {
  /** The recording's default video stream. */
  public Recording(String id, String uri) {
    this(id, uri, VideoStreams.DEFAULT);
  }

  @Override
  public String toString() {
    return id + " (" + uri + ")";
  }
}
