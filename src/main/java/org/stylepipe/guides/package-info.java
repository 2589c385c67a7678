/**
 * The Spark-free core of the guides for few-shot patch-based video stylization (Texler et al.
 * 2020): per-frame masks ({@link org.stylepipe.guides.MaskMaker}), DIS optical flow in both
 * directions ({@link org.stylepipe.guides.DisFlow}) stored as the reference's {@code .A2V2f} files
 * ({@link org.stylepipe.guides.FlowFile}), keyframes ({@link
 * org.stylepipe.guides.KeyframeSelector}), temporally coherent noise guides as the reference {@code
 * gauss} tool makes them, and the trainer's folder layout ({@link
 * org.stylepipe.guides.FewShotLayout}).
 *
 * <p>Noise guides are built for segment parallelism without seams, in three passes:
 *
 * <ol>
 *   <li>per segment, in parallel: masks, keyframes and both flows of every frame (a task also
 *       decodes the frame before and after its segment, so flows and scene changes at its edges are
 *       the sequential ones);
 *   <li>per keyframe, cheap: its {@link org.stylepipe.guides.PointSet} on its mask and its {@link
 *       org.stylepipe.guides.PointTracks} over its {@link org.stylepipe.guides.KeySpan}, advected
 *       by {@link org.stylepipe.guides.TrackAdvector} through the flow files (reading flow, no
 *       image work; keys are independent of each other);
 *   <li>per segment, in parallel: {@link org.stylepipe.guides.GaussRenderer} draws each frame from
 *       the tracks sliced to the segment.
 * </ol>
 *
 * Every step is a pure function of its inputs and a seed, in Java float arithmetic and {@link
 * java.lang.StrictMath}: the guides do not depend on how the recording was cut into segments, and
 * reruns are byte-identical.
 */
package org.stylepipe.guides;
