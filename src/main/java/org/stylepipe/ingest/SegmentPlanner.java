package org.stylepipe.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts a recording into time segments from the presentation times of its video packets, fed in any order
 * (demux order differs from display order when B-frames are present). Memory grows with the number of
 * segments, not frames. Segments lie on a fixed grid of {@code segmentUs} from time zero; empty grid cells are
 * merged into their neighbours, so no segment is empty.
 */
public final class SegmentPlanner {
  private final long segmentUs;
  private final TreeMap<Long, long[]> cells = new TreeMap<>();
  private long frames;

  public SegmentPlanner(long segmentUs) {
    if (segmentUs <= 0) {
      throw new IllegalArgumentException("Cannot plan segments of " + segmentUs + " us: must be positive");
    }
    this.segmentUs = segmentUs;
  }

  /** Adds one frame's presentation time. */
  public void add(long ptsUs) {
    long[] cell = cells.computeIfAbsent(Math.floorDiv(ptsUs, segmentUs), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
    cell[0] = Math.min(cell[0], ptsUs);
    cell[1] = Math.max(cell[1], ptsUs);
    cell[2]++;
    frames++;
  }

  /** Number of frames added. */
  public long frames() {
    return frames;
  }

  /** Latest presentation time added, or {@link Long#MIN_VALUE} if none. */
  public long lastPtsUs() {
    return cells.isEmpty() ? Long.MIN_VALUE : cells.lastEntry().getValue()[1];
  }

  /** The segments, in time order; empty if no frame was added. */
  public List<SegmentPlan> plan() {
    List<SegmentPlan> segments = new ArrayList<>();
    List<Map.Entry<Long, long[]>> entries = new ArrayList<>(cells.entrySet());
    long firstIndex = 0;
    long previousPts = Long.MIN_VALUE;
    for (int i = 0; i < entries.size(); i++) {
      long[] cell = entries.get(i).getValue();
      long start = i == 0 ? Long.MIN_VALUE : entries.get(i).getKey() * segmentUs;
      long end = i == entries.size() - 1 ? Long.MAX_VALUE : entries.get(i + 1).getKey() * segmentUs;
      segments.add(new SegmentPlan(i, start, end, firstIndex, (int) cell[2], cell[0], previousPts));
      firstIndex += cell[2];
      previousPts = cell[1];
    }
    return segments;
  }
}
