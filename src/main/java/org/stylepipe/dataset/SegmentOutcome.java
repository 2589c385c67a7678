package org.stylepipe.dataset;

import java.io.Serializable;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.report.TaskPlace;

/**
 * What a segment task did (its commit, as recorded in its manifest file), how long it took and
 * where it ran.
 */
public record SegmentOutcome(SegmentCommit commit, long nanos, TaskPlace place)
    implements Serializable {}
