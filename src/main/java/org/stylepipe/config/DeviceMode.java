package org.stylepipe.config;

/** Where the stylize job runs its model. */
public enum DeviceMode {
  /** The GPU Spark assigned to the task, if any; otherwise the CPU. */
  AUTO,
  /** The CPU, even where Spark assigned a GPU. */
  CPU,
  /** The GPU Spark assigned to the task, or the first GPU where Spark assigns none (local mode). */
  GPU
}
