package org.stylepipe.guides;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Poisson-disk sampling of a rectangle (Bridson's algorithm, as the {@code
 * thinks/poisson_disk_sampling} library the reference {@code gauss} tool uses): no two points
 * closer than the radius, new points tried in the annulus from one to two radii around an active
 * point, 30 tries before a point retires. Reproducible: the same random generator state gives the
 * same points, on any JVM.
 */
public final class PoissonDisk {
  private static final int ATTEMPTS = 30;

  private PoissonDisk() {}

  /** Points in [0, maxX] x [0, maxY], x and y interleaved, in the order they were made. */
  public static float[] sample(float maxX, float maxY, float radius, SplittableRandom random) {
    if (!(radius > 0) || !(maxX > 0) || !(maxY > 0)) {
      throw new IllegalArgumentException(
          "Cannot sample points: radius "
              + radius
              + " and area "
              + maxX
              + "x"
              + maxY
              + " must be positive");
    }
    Grid grid = new Grid(maxX, maxY, radius);
    float[] xy = new float[64];
    int count = 0;
    int[] active = new int[32];
    int activeCount = 0;
    float[] first = {(float) (random.nextDouble() * maxX), (float) (random.nextDouble() * maxY)};
    grid.add(first[0], first[1], 0);
    xy[0] = first[0];
    xy[1] = first[1];
    count = 1;
    active[activeCount++] = 0;
    while (activeCount > 0) {
      int slot = random.nextInt(activeCount);
      int parent = active[slot];
      boolean added = false;
      for (int attempt = 0; attempt < ATTEMPTS && !added; attempt++) {
        double u;
        double v;
        double r2;
        do {
          u = random.nextDouble(-2, 2);
          v = random.nextDouble(-2, 2);
          r2 = u * u + v * v;
        } while (!(r2 > 1 && r2 <= 4));
        float x = (float) (xy[2 * parent] + radius * u);
        float y = (float) (xy[2 * parent + 1] + radius * v);
        if (x >= 0 && x <= maxX && y >= 0 && y <= maxY && !grid.hasNeighbour(x, y, xy)) {
          if (2 * count == xy.length) {
            xy = Arrays.copyOf(xy, xy.length * 2);
          }
          xy[2 * count] = x;
          xy[2 * count + 1] = y;
          grid.add(x, y, count);
          if (activeCount == active.length) {
            active = Arrays.copyOf(active, active.length * 2);
          }
          active[activeCount++] = count;
          count++;
          added = true;
        }
      }
      if (!added) {
        active[slot] = active[--activeCount];
      }
    }
    return Arrays.copyOf(xy, 2 * count);
  }

  /** Cells small enough to hold one point each; -1 where empty. */
  private static final class Grid {
    private final float radius;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[] cells;

    Grid(float maxX, float maxY, float radius) {
      this.radius = radius;
      this.cell = radius / Math.sqrt(2) * 0.999;
      this.cols = (int) (maxX / cell) + 1;
      this.rows = (int) (maxY / cell) + 1;
      this.cells = new int[cols * rows];
      Arrays.fill(cells, -1);
    }

    void add(float x, float y, int index) {
      cells[(int) (y / cell) * cols + (int) (x / cell)] = index;
    }

    boolean hasNeighbour(float x, float y, float[] xy) {
      int cx = (int) (x / cell);
      int cy = (int) (y / cell);
      double r2 = (double) radius * radius;
      for (int j = Math.max(0, cy - 2); j <= Math.min(rows - 1, cy + 2); j++) {
        for (int i = Math.max(0, cx - 2); i <= Math.min(cols - 1, cx + 2); i++) {
          int other = cells[j * cols + i];
          if (other >= 0) {
            double dx = (double) xy[2 * other] - x;
            double dy = (double) xy[2 * other + 1] - y;
            if (dx * dx + dy * dy < r2) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }
}
