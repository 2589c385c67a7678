package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;

/**
 * The engine's mask frames of a {@link MaskTrack}, frame for frame with the recording's, resized as
 * the recording's frames are. A companion recording is decoded alongside the segment (the same
 * plan, so it must have the recording's frame times); a folder is read one image per frame.
 * Mismatches are errors naming the companion.
 */
final class CompanionMasks implements Closeable {
  /** How far a companion frame's time may lie from its recording frame's. */
  private static final long TIME_TOLERANCE_US = 1_000;

  private final MaskTrack track;
  private final FileStore store;
  private final SegmentReader reader;
  private final FrameResizer resizer;
  private Mat image;

  CompanionMasks(MaskTrack track, Configuration conf, SegmentPlan plan, FrameSettings frames) {
    this.track = track;
    this.store = new FileStore(conf);
    this.reader =
        track.folder() ? null : new SegmentReader(track.uri(), conf, plan, frames.decoderThreads());
    this.resizer = new FrameResizer(frames.width(), frames.height(), frames.resizeMode());
  }

  /**
   * The mask frame of {@code frame}, resized; every frame the segment's reader decodes must be
   * passed, in order. Returns null where {@code needed} is false and nothing has to be read.
   */
  Mat frameFor(DecodedFrame frame, boolean needed) throws IOException {
    Mat source;
    if (reader != null) {
      DecodedFrame companion = reader.next();
      if (companion == null) {
        throw new IOException(
            "Cannot use mask track "
                + track
                + ": it ends before frame "
                + frame.index()
                + " of the recording");
      }
      if (Math.abs(companion.ptsUs() - frame.ptsUs()) > TIME_TOLERANCE_US) {
        throw new IOException(
            String.format(
                "Cannot use mask track %s: its frame %d is at %.3f s, the recording's"
                    + " at %.3f s (a mask track needs the recording's frame times)",
                track, companion.index(), companion.ptsUs() / 1e6, frame.ptsUs() / 1e6));
      }
      source = companion.image();
    } else {
      if (!needed) {
        return null;
      }
      source = read(String.format("%s/%08d.png", track.uri(), frame.index()));
    }
    return needed ? resizer.resize(source) : null;
  }

  private Mat read(String uri) throws IOException {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    byte[] bytes;
    try {
      bytes = store.read(uri);
    } catch (FileNotFoundException e) {
      throw new IOException("Cannot use mask track " + track + ": it has no " + name, e);
    }
    if (image != null) {
      image.close();
    }
    try {
      image = ImageDecoder.decode(bytes, IMREAD_UNCHANGED, name);
    } catch (IllegalArgumentException e) {
      throw new IOException("Cannot use mask track " + track + ": " + e.getMessage(), e);
    }
    return image;
  }

  @Override
  public void close() throws IOException {
    resizer.close();
    if (image != null) {
      image.close();
    }
    if (reader != null) {
      reader.close();
    }
  }
}
