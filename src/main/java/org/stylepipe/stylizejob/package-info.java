/**
 * The stylize job: recordings to stylized videos. {@link org.stylepipe.stylizejob.SegmentStylizer}
 * (with its decode thread, {@link org.stylepipe.stylizejob.FrameFeed}) is the Spark-free core that
 * carries one segment through batched inference to an H.264 video; {@link
 * org.stylepipe.stylizejob.StylizeFunction} and {@link org.stylepipe.stylizejob.JoinFunction} run
 * on executors; {@link org.stylepipe.stylizejob.StylizeJob} wires the stages and writes the
 * manifest, errors and summary.
 */
package org.stylepipe.stylizejob;
