package org.stylepipe.stylizejob;

import java.io.Serializable;
import java.util.List;

/**
 * Keyframes of one recording's few-shot sequences for the keyframes job (or other images of a
 * dataset, for the train job's teacher), with their files' URIs.
 */
public record KeyframeTask(String recordingId, String source, List<Keyframe> keyframes)
    implements Serializable {
  public KeyframeTask {
    keyframes = List.copyOf(keyframes);
  }

  /**
   * One keyframe; full URIs.
   *
   * @param input the keyframe ({@code _train/input/})
   * @param guide its noise guide ({@code _train/input_gdisko_gauss_…/}), or null where the model
   *     takes none
   * @param output where its stylized image goes ({@code _train/output/})
   * @param mirroredOutput where the mirrored stylized image goes in the mirrored sequence, or null
   *     without one
   */
  public record Keyframe(
      int number, String input, String guide, String output, String mirroredOutput)
      implements Serializable {}
}
