/**
 * The pure core of the stylize stage, with no Spark in it: style models loaded through DJL ({@link
 * org.stylepipe.stylize.StyleModel}, described by a {@link org.stylepipe.stylize.ModelSpec}), a
 * serializable once-per-JVM handle for executors ({@link org.stylepipe.stylize.ModelLoader}),
 * batches of 8-bit BGR frames in and out ({@link org.stylepipe.stylize.FrameBatch}), the choice of
 * a task's device ({@link org.stylepipe.stylize.DeviceChoice}), a model's bytes read once from any
 * Hadoop URI and named by their SHA-256 ({@link org.stylepipe.stylize.ModelFetch}, {@link
 * org.stylepipe.stylize.ModelFile}), and the fast-neural-style {@link
 * org.stylepipe.stylize.TransformerNet} built from DJL blocks with weights read from {@code .npz}
 * files.
 */
package org.stylepipe.stylize;
