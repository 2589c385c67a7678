package org.stylepipe.report;

import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/**
 * A segment the stylize job stylized, as the report samples it: the source segment and where its
 * stylized frames are.
 *
 * @param videoUri the segment video, or null where the job wrote no video (its frames are then PNG
 *     files)
 */
public record StylizedSegment(Recording recording, SegmentPlan segment, String videoUri) {}
