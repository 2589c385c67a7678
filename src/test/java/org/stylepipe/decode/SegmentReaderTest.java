package org.stylepipe.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.testing.TestVideos;

class SegmentReaderTest {
  @TempDir Path dir;

  /**
   * Decoded pixels match what was encoded (up to codec loss), also for narrow frames with wide row
   * padding.
   */
  @Test
  void decodedFramesAreTheEncodedPictures() throws Exception {
    for (int width : new int[] {96, 100, 160}) {
      Path video = TestVideos.constantRate(dir.resolve("w" + width + ".mp4"), width, 64, 5, 25, 12);
      SegmentPlan all = new SegmentPlan(0, Long.MIN_VALUE, Long.MAX_VALUE, 0, 5, 0, Long.MIN_VALUE);
      try (SegmentReader reader = new SegmentReader(video.toString(), new Configuration(), all, 1);
          Mat painted = new Mat(64, width, opencv_core.CV_8UC3)) {
        for (int i = 0; i < 5; i++) {
          DecodedFrame frame = reader.next();
          assertEquals(i, frame.index());
          assertEquals(3, frame.image().channels());
          assertEquals(width, frame.image().cols());
          TestVideos.paint(painted, i, width, 64);
          double meanDifference =
              opencv_core.norm(frame.image(), painted, opencv_core.NORM_L1, null)
                  / (width * 64 * 3.0);
          assertTrue(
              meanDifference < 12,
              width + " px wide, frame " + i + ": mean difference " + meanDifference);
        }
        assertEquals(null, reader.next());
      }
    }
  }
}
