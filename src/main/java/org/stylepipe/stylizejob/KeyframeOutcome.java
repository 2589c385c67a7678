package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.report.TaskPlace;

/**
 * What a keyframes task did: keyframes stylized, and kept because they already had an output; the
 * device, time and place it ran; the error that stopped it, or null.
 */
public record KeyframeOutcome(
    String recordingId,
    int stylized,
    int kept,
    String device,
    long nanos,
    TaskPlace place,
    ErrorRow error)
    implements Serializable {}
