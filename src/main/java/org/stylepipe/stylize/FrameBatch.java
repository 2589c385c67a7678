package org.stylepipe.stylize;

import java.util.List;

/**
 * A batch of 8-bit frames of one size, with optional guide images. Every image is a {@code byte[]}
 * of {@code height * width * 3} values: rows top to bottom, pixels left to right, channels in
 * <b>BGR</b> order, as in an OpenCV {@code CV_8UC3} {@code Mat} or a JavaCV {@code Frame} from
 * {@code OpenCVFrameConverter}. Guide images use the same layout and order; a guided model gets one
 * per frame.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frames the frames, at least one
 * @param guides one guide image per frame, or none
 */
public record FrameBatch(int width, int height, List<byte[]> frames, List<byte[]> guides) {

  public FrameBatch {
    frames = List.copyOf(frames);
    guides = List.copyOf(guides);
    if (width < 1 || height < 1 || frames.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot create frame batch: need at least one frame of at least 1x1, got "
              + frames.size()
              + " of "
              + width
              + "x"
              + height);
    }
    if (!guides.isEmpty() && guides.size() != frames.size()) {
      throw new IllegalArgumentException(
          "Cannot create frame batch: "
              + guides.size()
              + " guide images for "
              + frames.size()
              + " frames");
    }
    checkSizes(frames, "frame", width, height);
    checkSizes(guides, "guide image", width, height);
  }

  /** A batch of frames without guide images. */
  public static FrameBatch of(int width, int height, List<byte[]> frames) {
    return new FrameBatch(width, height, frames, List.of());
  }

  /** This batch with one guide image per frame. */
  public FrameBatch withGuides(List<byte[]> guideImages) {
    return new FrameBatch(width, height, frames, guideImages);
  }

  /** Number of frames. */
  public int size() {
    return frames.size();
  }

  private static void checkSizes(List<byte[]> images, String what, int width, int height) {
    int expected = Math.multiplyExact(Math.multiplyExact(width, height), 3);
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i).length != expected) {
        throw new IllegalArgumentException(
            "Cannot create frame batch: "
                + what
                + " "
                + i
                + " has "
                + images.get(i).length
                + " bytes, expected "
                + width
                + "x"
                + height
                + "x3 = "
                + expected);
      }
    }
  }
}
