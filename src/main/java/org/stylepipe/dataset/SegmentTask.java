package org.stylepipe.dataset;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/** The unit of parallel work: one segment of one recording. */
public record SegmentTask(Recording recording, SegmentPlan segment) implements Serializable {}
