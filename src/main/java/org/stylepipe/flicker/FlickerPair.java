package org.stylepipe.flicker;

import org.stylepipe.ingest.RecordingPlan;

/** A recording, as probed and planned, and the URI of its stylized video. */
public record FlickerPair(RecordingPlan source, String stylized) {}
