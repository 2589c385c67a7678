package org.stylepipe.config;

/** How the dataset job lays out what it writes. */
public enum DatasetLayout {
  /**
   * {@code frames/<recording>/<variant>/<index>.png}: one folder of images per recording and
   * variant.
   */
  FRAMES,
  /**
   * The few-shot patch-based trainer's folders (Texler et al. 2020), one sequence per recording and
   * variant, with masks, optical flow, noise guides and keyframes ({@link GuideSettings}).
   */
  FEWSHOT
}
