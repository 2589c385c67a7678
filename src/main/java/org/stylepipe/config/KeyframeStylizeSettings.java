package org.stylepipe.config;

import java.io.Serializable;

/**
 * The part of a keyframes job's configuration that travels to executors: the guide a 6-channel
 * model gets, frames per inference, where the model runs, and whether keyframes that have an output
 * are stylized again.
 */
public record KeyframeStylizeSettings(
    GuideMode guide,
    int batchSize,
    DeviceMode device,
    boolean cpuFallback,
    boolean half,
    boolean overwrite)
    implements Serializable {}
