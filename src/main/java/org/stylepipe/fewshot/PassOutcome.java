package org.stylepipe.fewshot;

import java.io.Serializable;
import org.stylepipe.output.SegmentCommit;

/** What a segment's pass did (its commit) and how long it took. */
public record PassOutcome(SegmentCommit commit, long nanos) implements Serializable {}
