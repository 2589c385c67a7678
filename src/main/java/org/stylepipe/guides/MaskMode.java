package org.stylepipe.guides;

/**
 * How the mask of a frame is made: 8-bit, 255 where the stylized subject is, 0 elsewhere. The
 * few-shot trainer samples training patches only inside the mask of its keyframes, and the noise
 * guides seed their points there.
 */
public enum MaskMode {
  /** Every pixel (no subject separation). */
  FULL,
  /** Pixels brighter than a luma threshold: a subject rendered over a black background. */
  LUMA,
  /**
   * Pixels whose chroma (Cr, Cb) is further than a tolerance from a key colour: a green or blue
   * screen.
   */
  CHROMA,
  /**
   * Pixels that a background model (OpenCV MOG2 or KNN) sees as moving foreground; shadows count as
   * background. The model learns from the frames in order, so a segment task should feed it the
   * {@code history} frames before its first one (their masks discarded) to start where a sequential
   * run would be.
   */
  BACKGROUND,
  /**
   * Masks rendered by the game engine as a companion of the recording, frame for frame: the
   * recording {@code NAME.mask.EXT} beside {@code NAME.EXT} (e.g. {@code run1.mask.mp4} beside
   * {@code run1.mp4}), or a folder {@code NAME.mask/} beside it with one image per frame named by
   * its index in the recording, 8 digits ({@code 00000000.png}). White (above 127 after conversion
   * to gray) is the subject. Companion frames are resized like the recording's and must then have
   * the frame's size.
   */
  TRACK;

  /**
   * The companion mask recording of {@code recording} by the {@link #TRACK} convention: {@code
   * a/run1.mp4} gives {@code a/run1.mask.mp4}.
   */
  public static String companionOf(String recording) {
    int slash = recording.lastIndexOf('/');
    int dot = recording.lastIndexOf('.');
    return dot > slash + 1
        ? recording.substring(0, dot) + ".mask" + recording.substring(dot)
        : recording + ".mask";
  }
}
