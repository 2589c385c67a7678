package org.stylepipe.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stylepipe.config.Sampling;

/**
 * Cuts a recording into time segments from the presentation times of its video packets, fed in any
 * order (demux order differs from display order when B-frames are present). Segments lie on a fixed
 * grid of {@code segmentUs} from time zero; empty grid cells are merged into their neighbours, so
 * no segment is empty. The planner keeps every frame's time (8 bytes a frame: 1.7 MB for an hour at
 * 60 fps) to number the frames the sampling keeps and to find each segment's lead-in and lead-out
 * frames ({@link KeptFrames}).
 */
public final class SegmentPlanner {
  private final long segmentUs;
  private final Sampling sampling;
  private final int leadIn;
  private final TreeMap<Long, Cell> cells = new TreeMap<>();
  private long frames;

  /** A planner that keeps every frame and plans no lead-in. */
  public SegmentPlanner(long segmentUs) {
    this(segmentUs, Sampling.all(), 0);
  }

  /**
   * A planner for frames kept by {@code sampling}, each segment's decoding starting {@code leadIn}
   * kept frames before its first kept frame (0 for none) and ending at the first kept frame after
   * it ({@code leadIn} > 0).
   */
  public SegmentPlanner(long segmentUs, Sampling sampling, int leadIn) {
    if (segmentUs <= 0) {
      throw new IllegalArgumentException(
          "Cannot plan segments of " + segmentUs + " us: must be positive");
    }
    if (leadIn < 0) {
      throw new IllegalArgumentException(
          "Cannot plan a lead-in of " + leadIn + " frames: must not be negative");
    }
    this.segmentUs = segmentUs;
    this.sampling = sampling;
    this.leadIn = leadIn;
  }

  /** Adds one frame's presentation time. */
  public void add(long ptsUs) {
    cells.computeIfAbsent(Math.floorDiv(ptsUs, segmentUs), k -> new Cell()).add(ptsUs);
    frames++;
  }

  /** Number of frames added. */
  public long frames() {
    return frames;
  }

  /** Latest presentation time added, or {@link Long#MIN_VALUE} if none. */
  public long lastPtsUs() {
    return cells.isEmpty() ? Long.MIN_VALUE : cells.lastEntry().getValue().max();
  }

  /** The segments, in time order; empty if no frame was added. */
  public List<SegmentPlan> plan() {
    long[] pts = new long[Math.toIntExact(frames)];
    List<long[]> bounds = new ArrayList<>(); // per segment: grid cell, first index, frame count
    int n = 0;
    for (Map.Entry<Long, Cell> cell : cells.entrySet()) {
      int size = cell.getValue().size;
      System.arraycopy(cell.getValue().sorted(), 0, pts, n, size);
      bounds.add(new long[] {cell.getKey(), n, size});
      n += size;
    }
    long[] kept = keptIndices(pts);
    List<SegmentPlan> segments = new ArrayList<>();
    int keptSoFar = 0;
    for (int i = 0; i < bounds.size(); i++) {
      long[] b = bounds.get(i);
      int first = (int) b[1];
      int count = (int) b[2];
      int keptHere = 0;
      while (keptSoFar + keptHere < kept.length && kept[keptSoFar + keptHere] < first + count) {
        keptHere++;
      }
      long start = i == 0 ? Long.MIN_VALUE : b[0] * segmentUs;
      long end = i == bounds.size() - 1 ? Long.MAX_VALUE : bounds.get(i + 1)[0] * segmentUs;
      segments.add(
          new SegmentPlan(
              i,
              start,
              end,
              first,
              count,
              pts[first],
              first == 0 ? Long.MIN_VALUE : pts[first - 1],
              keptFrames(pts, kept, keptSoFar, keptHere, first, count)));
      keptSoFar += keptHere;
    }
    return segments;
  }

  /** Indices of the frames the sampling keeps, from the frames' sorted times. */
  private long[] keptIndices(long[] pts) {
    long[] kept = new long[pts.length];
    int count = 0;
    for (int i = 0; i < pts.length; i++) {
      if (sampling.keeps(i, pts[i], i == 0 ? Long.MIN_VALUE : pts[i - 1])) {
        kept[count++] = i;
      }
    }
    return Arrays.copyOf(kept, count);
  }

  private KeptFrames keptFrames(
      long[] pts, long[] kept, int before, int count, int first, int frameCount) {
    int leadInFrames = 0;
    int leadInIndex = first;
    int leadOutIndex = first + frameCount - 1;
    long leadOutPts = Long.MIN_VALUE;
    if (leadIn > 0 && count > 0) {
      if (before > 0) {
        leadInFrames = Math.min(leadIn, before);
        leadInIndex = (int) kept[before - leadInFrames];
      }
      if (before + count < kept.length) {
        leadOutIndex = (int) kept[before + count];
        leadOutPts = pts[leadOutIndex];
      }
    }
    return new KeptFrames(
        before, count, leadInFrames, leadInIndex, pts[leadInIndex], leadOutIndex, leadOutPts);
  }

  /** The times of one grid cell, in a growable array. */
  private static final class Cell {
    private long[] times = new long[64];
    private int size;

    void add(long ptsUs) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
      }
      times[size++] = ptsUs;
    }

    long max() {
      return sorted()[size - 1];
    }

    long[] sorted() {
      Arrays.sort(times, 0, size);
      return times;
    }
  }
}
