package org.stylepipe.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.testing.TestVideos;

/**
 * One swscale pass from the decoder's pictures to BGR at the output size gives the picture that
 * converting at the source size and then resizing gives, for every resize mode, shrinking and
 * enlarging.
 */
class BgrScalerTest {
  private static final SegmentPlan ALL =
      new SegmentPlan(0, Long.MIN_VALUE, Long.MAX_VALUE, 0, 3, 0, Long.MIN_VALUE);

  @TempDir Path dir;

  @Test
  void scalingWhileConvertingMatchesConvertingThenResizing() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("wide.mp4"), 320, 180, 3, 25, 12);
    for (ResizeMode mode : ResizeMode.values()) {
      for (int[] size : new int[][] {{160, 120}, {96, 64}, {480, 360}}) {
        assertSamePictures(video, mode, size[0], size[1]);
      }
    }
  }

  @Test
  void fitLeavesBlackBars() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("bars.mp4"), 320, 180, 1, 25, 12);
    try (SegmentReader reader =
            new SegmentReader(
                video.toString(),
                new Configuration(),
                ALL,
                1,
                BgrScaler.to(160, 120, ResizeMode.FIT));
        Rect top = new Rect(0, 0, 160, 15);
        Rect bottom = new Rect(0, 105, 160, 15)) {
      Mat image = reader.next().image();
      assertEquals(160, image.cols());
      assertEquals(120, image.rows());
      try (Mat above = new Mat(image, top);
          Mat below = new Mat(image, bottom)) {
        assertEquals(0, opencv_core.countNonZero(above.reshape(1, 0)));
        assertEquals(0, opencv_core.countNonZero(below.reshape(1, 0)));
      }
    }
  }

  private static void assertSamePictures(Path video, ResizeMode mode, int width, int height)
      throws Exception {
    Configuration conf = new Configuration();
    try (SegmentReader direct =
            new SegmentReader(video.toString(), conf, ALL, 1, BgrScaler.to(width, height, mode));
        SegmentReader full = new SegmentReader(video.toString(), conf, ALL, 1);
        FrameResizer resizer = new FrameResizer(width, height, mode)) {
      DecodedFrame scaled;
      while ((scaled = direct.next()) != null) {
        Mat expected = resizer.resize(full.next().image());
        assertEquals(width, scaled.image().cols());
        assertEquals(height, scaled.image().rows());
        double meanDifference =
            opencv_core.norm(scaled.image(), expected, opencv_core.NORM_L1, null)
                / (width * height * 3.0);
        assertTrue(
            meanDifference < 4,
            mode + " " + width + "x" + height + ": mean difference " + meanDifference);
      }
    }
  }
}
