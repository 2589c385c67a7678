package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.video.H264Rate;

/**
 * The unit of parallel work: one segment of one recording, with what the driver decided for the
 * recording: the size frames are stylized at, the clockwise turn that made them upright ({@link
 * org.stylepipe.decode.Orientation#rotation()}), the frame rate and the quantizer and bit-rate
 * limit of its video.
 */
public record StylizeTask(
    Recording recording,
    SegmentPlan segment,
    int width,
    int height,
    int rotation,
    double frameRate,
    H264Rate videoRate)
    implements Serializable {}
