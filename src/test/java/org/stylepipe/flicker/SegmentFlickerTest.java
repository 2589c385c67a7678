package org.stylepipe.flicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.testing.TestVideos;

/**
 * The core on frames in memory: segments measure exactly as one sequential run, and mismatches fail
 * clearly.
 */
class SegmentFlickerTest {
  private static final int W = 64;
  private static final int H = 48;
  private static final int FRAMES = 12;
  private static final long FRAME_US = 33_333;
  private static final Recording CLIP = new Recording("clip", "file:/in/clip.mp4");
  private static final String STYLIZED = "file:/out/stylized/clip.mp4";

  private final List<DecodedFrame> input = frames(UnaryOperator.identity());
  private final List<DecodedFrame> stylized = frames(SegmentFlickerTest::withNoise);

  @Test
  void segmentsMeasureEveryFrameAsOneSequentialRunDoes() {
    List<FlickerRow> whole = measure(List.of(segment(0, 0, FRAMES)), stylized).rows();
    List<FlickerRow> split = new ArrayList<>();
    for (SegmentPlan segment : List.of(segment(0, 0, 5), segment(1, 5, 4), segment(2, 9, 3))) {
      FlickerOutcome outcome = measure(List.of(segment), stylized);
      assertNull(outcome.error());
      split.addAll(outcome.rows());
    }
    assertEquals(FRAMES, split.size());
    for (int i = 0; i < FRAMES; i++) {
      FlickerRow a = whole.get(i);
      FlickerRow b = split.get(i);
      assertEquals(i, b.frameIndex());
      assertEquals(i * FRAME_US, b.ptsUs());
      assertEquals(a.eInput(), b.eInput(), "input E_t of frame " + i);
      assertEquals(a.eOutput(), b.eOutput(), "output E_t of frame " + i);
      assertEquals(a.maskFraction(), b.maskFraction(), "mask of frame " + i);
      assertEquals(i > 0, b.measured(), "frame " + i + " has an E_t");
      if (i > 0) {
        assertTrue(b.eOutput() > b.eInput(), "noise flickers: frame " + i + " " + b);
      }
    }
    RecordingFlicker recording = new RecordingFlicker("clip", CLIP.uri(), STYLIZED, W, H, split);
    assertEquals(2, recording.seams().frames(), "frames 5 and 9");
    assertEquals(FRAMES - 3, recording.inside().frames(), "all others but frame 0");
    assertEquals(WarpStats.of(whole), recording.overall());
  }

  @Test
  void aFrameAtAnotherTimeFailsTheSegmentNamingTheStylizedVideo() {
    List<DecodedFrame> shifted = new ArrayList<>(stylized);
    DecodedFrame late = shifted.get(7);
    shifted.set(7, new DecodedFrame(late.index(), late.ptsUs() + 1, late.image(), false));
    FlickerOutcome outcome = measure(List.of(segment(1, 5, 4)), shifted);
    assertEquals(List.of(), outcome.rows());
    assertEquals(
        "cannot measure flicker against the stylized video "
            + STYLIZED
            + ": frame 7 is at 233332 us there"
            + " but at 233331 us in the source",
        outcome.error().reason());
    assertEquals(CLIP.uri(), outcome.error().source());
    assertEquals(1, outcome.error().segment());
  }

  @Test
  void aStylizedVideoThatEndsEarlyFailsTheSegment() {
    FlickerOutcome outcome = measure(List.of(segment(2, 9, 3)), stylized.subList(0, 10));
    assertEquals(List.of(), outcome.rows());
    assertTrue(
        outcome.error().reason().endsWith("the stylized video ends after 2 of frames 8..11"),
        outcome.error().reason());
  }

  @Test
  void aStylizedVideoAtAnotherSizeIsMeasuredAtItsSize() {
    List<DecodedFrame> larger = new ArrayList<>();
    for (DecodedFrame frame : stylized) {
      Mat image = new Mat();
      opencv_imgproc.resize(frame.image(), image, new Size(2 * W, 2 * H));
      larger.add(new DecodedFrame(frame.index(), frame.ptsUs(), image, false));
    }
    FlickerTask task = new FlickerTask(CLIP, STYLIZED, segment(0, 0, FRAMES), 2 * W, 2 * H);
    FlickerOutcome outcome =
        new SegmentFlicker().measure(task, source(input, task), source(larger, task));
    assertNull(outcome.error());
    assertEquals(FRAMES - 1, WarpStats.of(outcome.rows()).frames());
  }

  /** Measures the one segment of {@code segments} against {@code judged}. */
  private FlickerOutcome measure(List<SegmentPlan> segments, List<DecodedFrame> judged) {
    FlickerTask task = new FlickerTask(CLIP, STYLIZED, segments.get(0), W, H);
    return new SegmentFlicker().measure(task, source(input, task), source(judged, task));
  }

  /** The frames of the task's span, as a reader of the segment would give them. */
  private static FrameSource source(List<DecodedFrame> frames, FlickerTask task) {
    SegmentPlan span = task.span();
    int from = (int) span.firstFrameIndex();
    Iterator<DecodedFrame> it =
        frames.subList(from, Math.min(frames.size(), from + span.frameCount())).iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  private static SegmentPlan segment(int index, int first, int count) {
    boolean last = first + count == FRAMES;
    return new SegmentPlan(
        index,
        index == 0 ? Long.MIN_VALUE : first * FRAME_US,
        last ? Long.MAX_VALUE : (first + count) * FRAME_US,
        first,
        count,
        first * FRAME_US,
        first == 0 ? Long.MIN_VALUE : (first - 1) * FRAME_US);
  }

  private static List<DecodedFrame> frames(UnaryOperator<Mat> look) {
    List<DecodedFrame> frames = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      Mat image = new Mat(H, W, opencv_core.CV_8UC3);
      TestVideos.paint(image, i, W, H);
      frames.add(new DecodedFrame(i, i * FRAME_US, look.apply(image), false));
    }
    return frames;
  }

  /** The frame with independent noise of its own, as a flickering stylization adds. */
  private static Mat withNoise(Mat image) {
    byte[] pixels = new byte[W * H * 3];
    image.data().get(pixels);
    Random random = new Random(pixels[0] * 31L + pixels[pixels.length - 1]);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) Math.max(0, Math.min(255, (pixels[i] & 0xff) + random.nextInt(41) - 20));
    }
    Mat noisy = new Mat(H, W, opencv_core.CV_8UC3);
    noisy.data().put(pixels);
    return noisy;
  }
}
