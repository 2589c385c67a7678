package org.stylepipe.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.augment.Fitting;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.common.Yuv420;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.testing.TestVideos;

/**
 * One swscale pass from the decoder's pictures to BGR at the output size gives the picture that
 * converting at the source size and then resizing gives, for every resize mode, shrinking and
 * enlarging; to YUV 4:2:0 for JPEG, the JPEG shows that picture, mirrored as the BGR one mirrors.
 */
class FrameScalerTest {
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
                FrameScaler.to(160, 120, ResizeMode.FIT));
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

  @Test
  void yuvFramesEncodeToTheBgrPictureAndMirrorAsItDoes() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("yuv.mp4"), 320, 180, 3, 25, 12);
    Configuration conf = new Configuration();
    for (ResizeMode mode : ResizeMode.values()) {
      for (int[] size : new int[][] {{160, 120}, {96, 64}, {480, 362}}) {
        int width = size[0];
        int height = size[1];
        String what = mode + " " + width + "x" + height;
        try (SegmentReader yuv =
                new SegmentReader(
                    video.toString(),
                    conf,
                    ALL,
                    1,
                    FrameScaler.forFormat(ImageFormat.JPEG, width, height, mode));
            SegmentReader bgr =
                new SegmentReader(
                    video.toString(), conf, ALL, 1, FrameScaler.to(width, height, mode));
            ImageEncoder jpeg = new ImageEncoder(ImageFormat.JPEG, 95);
            FrameMirror yuvMirror = new FrameMirror();
            FrameMirror bgrMirror = new FrameMirror()) {
          DecodedFrame frame;
          while ((frame = yuv.next()) != null) {
            Mat expected = bgr.next().image();
            // Black bars at odd rows (FIT 160x90 at row 15, 96x54 at row 5) keep BGR.
            boolean evenBars = Fitting.of(320, 180, width, height, mode).onEvenGrid();
            assertEquals(evenBars, Yuv420.is(frame.image()), what);
            assertEquals(height, Yuv420.height(frame.image()), what);
            // As close to the picture as the JPEG of the BGR frame, mirrored or not.
            double viaBgr = meanDifference(jpeg.encode(expected), expected);
            double direct = meanDifference(jpeg.encode(frame.image()), expected);
            assertTrue(direct < 1.2 * viaBgr + 0.5, what + ": " + direct + " vs " + viaBgr);
            Mat mirrored = bgrMirror.mirror(expected);
            double mirroredDirect =
                meanDifference(jpeg.encode(mirror(yuvMirror, frame.image())), mirrored);
            assertTrue(
                mirroredDirect < 1.2 * viaBgr + 0.5,
                what + " mirrored: " + mirroredDirect + " vs " + viaBgr);
          }
        }
      }
    }
  }

  @Test
  void oddSizesForJpegStayBgr() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("odd.mp4"), 320, 180, 1, 25, 12);
    try (SegmentReader reader =
        new SegmentReader(
            video.toString(),
            new Configuration(),
            ALL,
            1,
            FrameScaler.forFormat(ImageFormat.JPEG, 95, 64, ResizeMode.STRETCH))) {
      Mat image = reader.next().image();
      assertEquals(3, image.channels());
      assertEquals(95, image.cols());
    }
  }

  private static Mat mirror(FrameMirror mirror, Mat image) {
    return Yuv420.is(image) ? mirror.mirrorYuv420(image) : mirror.mirror(image);
  }

  private static double meanDifference(byte[] jpeg, Mat expected) {
    try (Mat encoded = new Mat(new BytePointer(jpeg));
        Mat decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
      assertEquals(expected.cols(), decoded.cols());
      assertEquals(expected.rows(), decoded.rows());
      return opencv_core.norm(decoded, expected, opencv_core.NORM_L1, null)
          / (expected.cols() * expected.rows() * 3.0);
    }
  }

  private static void assertSamePictures(Path video, ResizeMode mode, int width, int height)
      throws Exception {
    Configuration conf = new Configuration();
    try (SegmentReader direct =
            new SegmentReader(video.toString(), conf, ALL, 1, FrameScaler.to(width, height, mode));
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
