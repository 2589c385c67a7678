package org.stylepipe.stylizejob;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.output.StylizedRow;
import org.stylepipe.report.TaskPlace;

/**
 * What a segment task did: its manifest rows (a row per stylized frame, and one for the segment
 * video), counts, the device it ran on, where its time went, and the error that stopped or
 * shortened it (null if none).
 *
 * @param video URI of the segment video, or null if none was written
 * @param decodeNanos time the decode thread spent decoding and resizing
 * @param waitNanos time the task thread waited for decoded frames (decoding not hidden behind
 *     inference)
 * @param inferNanos time in the model's predictor, translation included
 * @param writeNanos time encoding and writing video and images
 * @param place where the task ran
 */
public record StylizeOutcome(
    String recordingId,
    int segment,
    List<StylizedRow> rows,
    String video,
    long framesDecoded,
    long framesExpected,
    long framesStylized,
    String device,
    String gpuAddress,
    long decodeNanos,
    long waitNanos,
    long inferNanos,
    long writeNanos,
    long nanos,
    ErrorRow error,
    TaskPlace place)
    implements Serializable {

  public StylizeOutcome {
    rows = List.copyOf(rows);
  }

  /** The same outcome without its manifest rows: what the driver needs for the summary. */
  public StylizeOutcome withoutRows() {
    return new StylizeOutcome(
        recordingId,
        segment,
        List.of(),
        video,
        framesDecoded,
        framesExpected,
        framesStylized,
        device,
        gpuAddress,
        decodeNanos,
        waitNanos,
        inferNanos,
        writeNanos,
        nanos,
        error,
        place);
  }
}
