package org.stylepipe.guides;

import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * OpenCV's DIS optical flow presets, fastest to most accurate; the reference {@code disflow} tool
 * uses MEDIUM.
 */
public enum FlowPreset {
  ULTRAFAST(DISOpticalFlow.PRESET_ULTRAFAST),
  FAST(DISOpticalFlow.PRESET_FAST),
  MEDIUM(DISOpticalFlow.PRESET_MEDIUM);

  private final int opencv;

  FlowPreset(int opencv) {
    this.opencv = opencv;
  }

  int opencv() {
    return opencv;
  }
}
