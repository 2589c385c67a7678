package org.stylepipe.fewshot;

import java.io.Serializable;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.report.TaskPlace;

/** What a segment's pass did (its commit), how long it took and where it ran. */
public record PassOutcome(SegmentCommit commit, long nanos, TaskPlace place)
    implements Serializable {}
