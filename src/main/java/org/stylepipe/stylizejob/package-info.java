/**
 * The stylize job: recordings to stylized videos. {@link org.stylepipe.stylizejob.SegmentStylizer}
 * (with its decode thread, {@link org.stylepipe.stylizejob.FrameFeed}) is the Spark-free core that
 * carries one segment through batched inference to an H.264 video and commits it with its manifest
 * file; {@link org.stylepipe.stylizejob.StylizeFunction} and {@link
 * org.stylepipe.stylizejob.JoinFunction} run on executors; {@link
 * org.stylepipe.stylizejob.StylizeStage} and {@link org.stylepipe.stylizejob.JoinStage} wire them
 * to Spark; {@link org.stylepipe.stylizejob.StylizeJob} checks storage, the model and the output,
 * runs the stages and writes the errors, summary and report. The model is read once on the driver
 * and shipped to the executors ({@link org.stylepipe.stylizejob.ShippedModel}), which the teacher
 * mode ({@link org.stylepipe.stylizejob.KeyframeStylizeJob}) shares. With noise guides, {@link
 * org.stylepipe.stylizejob.GuidedStylizer} is the core for a segment of a few-shot sequence, whose
 * frames and guides come from a few-shot dataset ({@link org.stylepipe.stylizejob.FewShotDataset})
 * or are made from recordings first ({@link org.stylepipe.stylizejob.RecordingGuides}).
 */
package org.stylepipe.stylizejob;
