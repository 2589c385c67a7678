package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.output.StylizedCommit;
import org.stylepipe.report.TaskPlace;

/**
 * What a segment task did: its commit (counts, video, device, error), whether the commit was
 * written, where its time went and where it ran. Its manifest rows stay in its manifest file.
 *
 * @param committed false if the segment's manifest file could not be written (its error says why):
 *     a rerun redoes the segment
 * @param decodeNanos time the decode thread spent decoding and resizing
 * @param waitNanos time the task thread waited for decoded frames (decoding not hidden behind
 *     inference)
 * @param inferNanos time in the model's predictor, translation included
 * @param writeNanos time encoding and writing video and images
 * @param place where the task ran
 */
public record StylizeOutcome(
    StylizedCommit commit,
    boolean committed,
    long decodeNanos,
    long waitNanos,
    long inferNanos,
    long writeNanos,
    long nanos,
    TaskPlace place)
    implements Serializable {}
