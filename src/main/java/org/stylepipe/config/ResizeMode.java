package org.stylepipe.config;

/** How a frame whose aspect ratio differs from the target size is fitted to it. */
public enum ResizeMode {
  /** Scale each axis independently to the target size; the picture is distorted. */
  STRETCH,
  /** Scale to fit inside the target, keeping the aspect ratio, and pad with black bars. */
  FIT,
  /**
   * Scale to cover the target, keeping the aspect ratio, and cut the overflow equally on both
   * sides.
   */
  CROP
}
