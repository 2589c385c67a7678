package org.stylepipe.config;

/** The guide image a guided (6-channel) model gets beside each frame. */
public enum GuideMode {
  /** No guide: for 3-channel models. */
  NONE,
  /**
   * An all-black guide for every frame, a stand-in until real noise guides exist: a few-shot model then sees "no
   * noise blobs" and its output is less textured than with the guide it was trained on.
   */
  BLACK
}
