package org.stylepipe.guides;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A binary file of one key's {@link PointTracks}, so that the tracking pass and the rendering pass
 * can run as separate tasks: the magic {@code SPTK}, then 32-bit little-endian integers key frame,
 * first frame, frame count and point count, the colours (0xRRGGBB), and per frame the points' x, y
 * as 32-bit floats.
 */
public final class TrackFile {
  private static final int MAGIC = 0x4b545053; // "SPTK" read little-endian
  private static final int HEADER = 20;

  private TrackFile() {}

  public static byte[] encode(PointTracks tracks) {
    int frames = tracks.lastFrame() - tracks.firstFrame() + 1;
    int points = tracks.size();
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(HEADER + 4L * points + 8L * points * frames))
            .order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC)
        .putInt(tracks.keyFrame())
        .putInt(tracks.firstFrame())
        .putInt(frames)
        .putInt(points);
    for (int rgb : tracks.colours()) {
      out.putInt(rgb);
    }
    for (int frame = tracks.firstFrame(); frame <= tracks.lastFrame(); frame++) {
      for (float value : tracks.positionsIn(frame)) {
        out.putFloat(value);
      }
    }
    return out.array();
  }

  public static PointTracks decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < HEADER || in.getInt() != MAGIC) {
      throw new IllegalArgumentException("Cannot read point tracks: not a track file");
    }
    int key = in.getInt();
    int first = in.getInt();
    int frames = in.getInt();
    int points = in.getInt();
    if (frames < 1 || points < 0 || bytes.length != HEADER + 4L * points + 8L * points * frames) {
      throw new IllegalArgumentException(
          "Cannot read point tracks: "
              + bytes.length
              + " bytes do not hold "
              + frames
              + " frames of "
              + points
              + " points");
    }
    int[] rgb = new int[points];
    for (int i = 0; i < points; i++) {
      rgb[i] = in.getInt();
    }
    float[][] positions = new float[frames][2 * points];
    for (float[] frame : positions) {
      in.asFloatBuffer().get(frame);
      in.position(in.position() + 8 * points);
    }
    return new PointTracks(key, first, rgb, positions);
  }
}
