package org.stylepipe.config;

/** The guide image a guided (6-channel) model gets beside each frame. */
public enum GuideMode {
  /** No guide: for 3-channel models. */
  NONE,
  /**
   * An all-black guide for every frame, a stand-in where no noise guides exist: a few-shot model
   * then sees "no noise blobs" and its output is less textured than with the guide it was trained
   * on.
   */
  BLACK,
  /**
   * The frame's own noise guide: from a few-shot dataset ({@code stylize --dataset}, {@code
   * stylize-keyframes}), or made from the recording first ({@code stylize --input}).
   */
  NOISE
}
