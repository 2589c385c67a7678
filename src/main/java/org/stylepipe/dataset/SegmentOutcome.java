package org.stylepipe.dataset;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.output.ErrorRow;
import org.stylepipe.output.ManifestRow;

/**
 * What a segment task did: the images it wrote (manifest rows), how many frames it decoded against how many the
 * container lists, how long it took, and the error that stopped or shortened it, if any.
 */
public final class SegmentOutcome implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String recordingId;
  private final int segment;
  private final List<ManifestRow> rows;
  private final int images;
  private final long framesDecoded;
  private final long framesExpected;
  private final long nanos;
  private final ErrorRow error;

  SegmentOutcome(
      String recordingId,
      int segment,
      List<ManifestRow> rows,
      long framesDecoded,
      long framesExpected,
      long nanos,
      ErrorRow error) {
    this(recordingId, segment, rows, rows.size(), framesDecoded, framesExpected, nanos, error);
  }

  private SegmentOutcome(
      String recordingId,
      int segment,
      List<ManifestRow> rows,
      int images,
      long framesDecoded,
      long framesExpected,
      long nanos,
      ErrorRow error) {
    this.recordingId = recordingId;
    this.segment = segment;
    this.rows = List.copyOf(rows);
    this.images = images;
    this.framesDecoded = framesDecoded;
    this.framesExpected = framesExpected;
    this.nanos = nanos;
    this.error = error;
  }

  /** The same outcome without its manifest rows: what the driver needs for the summary. */
  public SegmentOutcome withoutRows() {
    return new SegmentOutcome(
        recordingId, segment, List.of(), images, framesDecoded, framesExpected, nanos, error);
  }

  public String recordingId() {
    return recordingId;
  }

  public int segment() {
    return segment;
  }

  public List<ManifestRow> rows() {
    return rows;
  }

  /** Number of images written (kept when the rows are dropped). */
  public int images() {
    return images;
  }

  public long framesDecoded() {
    return framesDecoded;
  }

  public long framesExpected() {
    return framesExpected;
  }

  public long nanos() {
    return nanos;
  }

  /** The problem, or null if every listed frame was decoded and written. */
  public ErrorRow error() {
    return error;
  }
}
