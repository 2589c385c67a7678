package org.stylepipe.guides;

import java.io.IOException;

/**
 * Moves noise points along the optical flow, as the reference {@code gauss} tool does: a point at p
 * in frame t is at p + backward flow of t (sampled bilinearly at p) in frame t+1, and at p +
 * forward flow of t in frame t-1. Points leaving the frame or the mask are kept (they are simply
 * not drawn while outside). Pure float arithmetic, so the same flows give the same positions on any
 * JVM.
 */
public final class TrackAdvector {
  private TrackAdvector() {}

  /** Positions {@code xy} (interleaved) moved by {@code flow}, as a new array. */
  public static float[] advance(float[] xy, FlowField flow) {
    float[] out = new float[xy.length];
    float[] d = new float[2];
    for (int i = 0; i < xy.length; i += 2) {
      flow.sample(xy[i], xy[i + 1], d);
      out[i] = xy[i] + d[0];
      out[i + 1] = xy[i + 1] + d[1];
    }
    return out;
  }

  /**
   * The tracks of {@code points}, seeded on key frame {@code keyFrame}, over {@code span}: forward
   * through the backward flows of frames key..last-1, backward through the forward flows of frames
   * key..first+1.
   */
  public static PointTracks track(PointSet points, int keyFrame, KeySpan span, FlowSource flows)
      throws IOException {
    if (keyFrame < span.first() || keyFrame > span.last()) {
      throw new IllegalArgumentException(
          "Cannot track key "
              + keyFrame
              + " over frames "
              + span.first()
              + ".."
              + span.last()
              + ": outside");
    }
    float[][] positions = new float[span.last() - span.first() + 1][];
    positions[keyFrame - span.first()] = points.positions();
    for (int frame = keyFrame + 1; frame <= span.last(); frame++) {
      positions[frame - span.first()] =
          advance(positions[frame - 1 - span.first()], flows.backward(frame - 1));
    }
    for (int frame = keyFrame - 1; frame >= span.first(); frame--) {
      positions[frame - span.first()] =
          advance(positions[frame + 1 - span.first()], flows.forward(frame + 1));
    }
    return new PointTracks(keyFrame, span.first(), points.colours(), positions);
  }
}
