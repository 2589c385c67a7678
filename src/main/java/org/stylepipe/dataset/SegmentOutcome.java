package org.stylepipe.dataset;

import java.io.Serializable;
import org.stylepipe.output.SegmentCommit;

/** What a segment task did (its commit, as recorded in its manifest file) and how long it took. */
public record SegmentOutcome(SegmentCommit commit, long nanos) implements Serializable {}
