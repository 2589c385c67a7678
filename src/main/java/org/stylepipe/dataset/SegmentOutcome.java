package org.stylepipe.dataset;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.output.ErrorRow;
import org.stylepipe.output.ManifestRow;

/**
 * What a segment task did: the images it wrote (manifest rows, and their count, kept when the rows are dropped),
 * how many frames it decoded against how many the container lists, how long it took, and the error that stopped
 * or shortened it (null if none).
 */
public record SegmentOutcome(
    String recordingId,
    int segment,
    List<ManifestRow> rows,
    int images,
    long framesDecoded,
    long framesExpected,
    long nanos,
    ErrorRow error)
    implements Serializable {

  public SegmentOutcome {
    rows = List.copyOf(rows);
  }

  /** The same outcome without its manifest rows: what the driver needs for the summary. */
  public SegmentOutcome withoutRows() {
    return new SegmentOutcome(
        recordingId, segment, List.of(), images, framesDecoded, framesExpected, nanos, error);
  }
}
