package org.stylepipe.dataset;

import java.io.Serializable;
import org.stylepipe.output.ErrorRow;

/**
 * What a segment task did: how many images it wrote (all listed in its manifest file), how many frames it decoded
 * against how many the container lists, how long it took, and the error that stopped or shortened it (null if
 * none).
 */
public record SegmentOutcome(
    String recordingId,
    int segment,
    int images,
    long framesDecoded,
    long framesExpected,
    long nanos,
    ErrorRow error)
    implements Serializable {}
