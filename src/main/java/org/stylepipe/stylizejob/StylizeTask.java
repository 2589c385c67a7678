package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/**
 * The unit of parallel work: one segment of one recording, with what the driver decided for the
 * recording: the size frames are stylized at, the clockwise turn that made them upright ({@link
 * org.stylepipe.decode.Orientation#rotation()}), the frame rate and bit rate of its video.
 */
public record StylizeTask(
    Recording recording,
    SegmentPlan segment,
    int width,
    int height,
    int rotation,
    double frameRate,
    long bitRate)
    implements Serializable {}
