package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/**
 * The unit of parallel work: one segment of one recording, with what the driver decided for the
 * recording: the size frames are stylized at, the frame rate and bit rate of its video.
 */
public record StylizeTask(
    Recording recording, SegmentPlan segment, int width, int height, double frameRate, long bitRate)
    implements Serializable {}
