package org.stylepipe.config;

/** Which H.264 encoder the stylize job writes its videos with. */
public enum EncoderMode {
  /** OpenH264, on the CPU (the default). */
  OPENH264,
  /**
   * NVIDIA's NVENC (FFmpeg's {@code h264_nvenc}): a task on a node where it does not open fails,
   * and so the job.
   */
  NVENC,
  /** NVENC where it opens on the node, else OpenH264. */
  AUTO
}
