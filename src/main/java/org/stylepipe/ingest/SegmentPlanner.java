package org.stylepipe.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stylepipe.config.Sampling;

/**
 * Cuts a recording into time segments from the presentation times of its video packets, fed in any
 * order (demux order differs from display order when B-frames are present). Segments follow a grid
 * of {@code segmentUs} from time zero; with keyframe boundaries, each boundary moves to the
 * keyframe nearest its grid point if one lies within half a segment of it: a task then starts
 * decoding at its own first frame instead of at an earlier keyframe, decoding and discarding the
 * frames in between (without a keyframe that near, the boundary stays on the grid). Segments left
 * empty are merged into their neighbours, so no segment is empty. The planner keeps every frame's
 * time (8 bytes a frame: 1.7 MB for an hour at 60 fps) to number the frames the sampling keeps and
 * to find each segment's lead-in and lead-out frames ({@link KeptFrames}).
 */
public final class SegmentPlanner {
  private final long segmentUs;
  private final Sampling sampling;
  private final int leadIn;
  private final boolean keyframeBoundaries;
  private final TreeMap<Long, Cell> cells = new TreeMap<>();
  private final TreeSet<Long> keyframes = new TreeSet<>();
  private long frames;

  /** A planner on the grid that keeps every frame and plans no lead-in. */
  public SegmentPlanner(long segmentUs) {
    this(segmentUs, Sampling.all(), 0, false);
  }

  /**
   * A planner for frames kept by {@code sampling}, each segment's decoding starting {@code leadIn}
   * kept frames before its first kept frame (0 for none) and ending at the first kept frame after
   * it ({@code leadIn} > 0), its boundaries on the grid or moved to nearby keyframes.
   */
  public SegmentPlanner(long segmentUs, Sampling sampling, int leadIn, boolean keyframeBoundaries) {
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
    this.keyframeBoundaries = keyframeBoundaries;
  }

  /** Adds one frame's presentation time. */
  public void add(long ptsUs) {
    add(ptsUs, false);
  }

  /** Adds one frame's presentation time, and whether decoding can start at it (a keyframe). */
  public void add(long ptsUs, boolean keyframe) {
    cells.computeIfAbsent(Math.floorDiv(ptsUs, segmentUs), k -> new Cell()).add(ptsUs);
    if (keyframe && keyframeBoundaries) {
      keyframes.add(ptsUs);
    }
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
    int n = 0;
    for (Cell cell : cells.values()) {
      System.arraycopy(cell.sorted(), 0, pts, n, cell.size);
      n += cell.size;
    }
    long[] kept = keptIndices(pts);
    List<Long> starts = starts(pts);
    List<SegmentPlan> segments = new ArrayList<>();
    int first = 0;
    int keptSoFar = 0;
    for (int i = 0; i <= starts.size(); i++) {
      long start = i == 0 ? Long.MIN_VALUE : starts.get(i - 1);
      long end = i == starts.size() ? Long.MAX_VALUE : starts.get(i);
      int count = firstAtOrAfter(pts, end) - first;
      int keptHere = 0;
      while (keptSoFar + keptHere < kept.length && kept[keptSoFar + keptHere] < first + count) {
        keptHere++;
      }
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
      first += count;
    }
    return segments;
  }

  /**
   * The start of every segment but the first, in time order: per grid point after the first frame's
   * cell (of the cells holding frames), the keyframe nearest it within half a segment, else the
   * grid point; a start that would leave its segment empty is dropped.
   */
  private List<Long> starts(long[] pts) {
    List<Long> candidates = new ArrayList<>();
    for (long cell : cells.keySet()) {
      long grid = cell * segmentUs;
      if (grid <= pts[0]) {
        continue;
      }
      Long below = keyframes.floor(grid);
      Long above = keyframes.ceiling(grid);
      long start = grid;
      long distance = segmentUs / 2;
      if (below != null && grid - below < distance && below > pts[0]) {
        start = below;
        distance = grid - below;
      }
      if (above != null && above - grid < distance) {
        start = above;
      }
      candidates.add(start);
    }
    List<Long> starts = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      long start = candidates.get(i);
      long next = i + 1 < candidates.size() ? candidates.get(i + 1) : Long.MAX_VALUE;
      long previous = starts.isEmpty() ? Long.MIN_VALUE : starts.get(starts.size() - 1);
      int at = firstAtOrAfter(pts, start);
      if (start > previous && at < pts.length && pts[at] < next) {
        starts.add(start);
      }
    }
    return starts;
  }

  /**
   * The index of the first time at or after {@code t} in sorted {@code pts} (its length if none).
   */
  private static int firstAtOrAfter(long[] pts, long t) {
    int low = 0;
    int high = pts.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (pts[mid] < t) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
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
