package org.stylepipe.fewshot;

import java.io.Serializable;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;

/**
 * One segment of a recording for the few-shot passes: the recording, the segment, the length of the
 * recording's sequences (frames kept), and the engine's mask track (null unless {@code --mask
 * track}).
 */
public record SequenceTask(
    Recording recording, SegmentPlan segment, int length, MaskTrack maskTrack)
    implements Serializable {

  public Sequences sequences(boolean mirror) {
    return Sequences.of(recording.id(), length, mirror);
  }
}
