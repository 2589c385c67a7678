package org.stylepipe.augment;

import org.stylepipe.config.ResizeMode;

/**
 * Where a source frame goes in a target frame under a {@link ResizeMode}: the source window that is
 * scaled (all of it, or the centred window with the target's aspect ratio for {@code CROP}) and the
 * place it is scaled to (all of the target, or a centred box inside black bars for {@code FIT}).
 */
public record Fitting(
    int sourceX,
    int sourceY,
    int sourceWidth,
    int sourceHeight,
    int targetX,
    int targetY,
    int scaledWidth,
    int scaledHeight) {

  /**
   * How a {@code sourceWidth}×{@code sourceHeight} frame fits a {@code width}×{@code height} one.
   */
  public static Fitting of(
      int sourceWidth, int sourceHeight, int width, int height, ResizeMode mode) {
    switch (mode) {
      case STRETCH:
        return new Fitting(0, 0, sourceWidth, sourceHeight, 0, 0, width, height);
      case CROP:
        {
          int cw = (int) Math.min(sourceWidth, Math.round((double) width * sourceHeight / height));
          int ch = (int) Math.min(sourceHeight, Math.round((double) height * sourceWidth / width));
          return new Fitting(
              (sourceWidth - cw) / 2, (sourceHeight - ch) / 2, cw, ch, 0, 0, width, height);
        }
      default:
        {
          double scale = Math.min((double) width / sourceWidth, (double) height / sourceHeight);
          int w = Math.max(1, Math.min(width, (int) Math.round(sourceWidth * scale)));
          int h = Math.max(1, Math.min(height, (int) Math.round(sourceHeight * scale)));
          return new Fitting(
              0, 0, sourceWidth, sourceHeight, (width - w) / 2, (height - h) / 2, w, h);
        }
    }
  }

  /**
   * Whether the scaled box's place and size are even numbers: it covers whole samples of chroma
   * planes subsampled by two.
   */
  public boolean onEvenGrid() {
    return ((targetX | targetY | scaledWidth | scaledHeight) & 1) == 0;
  }

  /** Whether the scaled box has fewer pixels than the source window (area averaging applies). */
  public boolean shrinks() {
    return (long) scaledWidth * scaledHeight < (long) sourceWidth * sourceHeight;
  }

  /** Whether black bars surround the scaled box. */
  public boolean padded(int width, int height) {
    return scaledWidth != width || scaledHeight != height;
  }
}
