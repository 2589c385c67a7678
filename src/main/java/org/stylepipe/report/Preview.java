package org.stylepipe.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A short looping animation of consecutive frames of one recording, input left and stylized right.
 *
 * @param gif the animated GIF
 */
public record Preview(
    String recordingId, long firstFrameIndex, int frames, int width, int height, byte[] gif) {
  /** Frames a job's preview shows at most. */
  public static final int FRAMES = 60;

  /** A JSON-friendly view (without the picture). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("recording_id", recordingId);
    map.put("first_frame_index", firstFrameIndex);
    map.put("frames", frames);
    map.put("width", width);
    map.put("height", height);
    map.put("gif_bytes", gif.length);
    return map;
  }
}
