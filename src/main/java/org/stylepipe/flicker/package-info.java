/**
 * The flicker stage: the warping error of stylized video against its source. {@link
 * org.stylepipe.flicker.WarpingError} (the metric) and {@link org.stylepipe.flicker.SegmentFlicker}
 * (one segment from two frame sources) are the Spark-free core; {@link
 * org.stylepipe.flicker.FlickerFunction} runs on executors; {@link
 * org.stylepipe.flicker.FlickerStage} wires it for the flicker job ({@link
 * org.stylepipe.flicker.FlickerJob}) and the stylize job, and returns a {@link
 * org.stylepipe.flicker.FlickerResult}.
 */
package org.stylepipe.flicker;
