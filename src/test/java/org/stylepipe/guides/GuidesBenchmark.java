package org.stylepipe.guides;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.ResizeMode;

/**
 * Single-core throughput of the guides at 640x480 on real gameplay frames: flow alone (both DIS
 * flows per frame, MEDIUM) against mask + flow + noise (luma-key mask, both flows, keys every 10
 * frames with reach 1, point tracking, both default noise variants rendered), plus each part alone;
 * encoding and writing excluded. OpenCV runs on one thread in the calling thread (as one Spark task
 * per core should), so the calling thread's CPU time is the cost per core; it is reported beside
 * wall time, which a shared machine inflates. Not a test; run it by hand:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     -Dorg.bytedeco.javacpp.cachedir=target/cache/javacpp org.stylepipe.guides.GuidesBenchmark [recording frames]
 * </pre>
 */
public final class GuidesBenchmark {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final int KEY_EVERY = 10;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private GuidesBenchmark() {}

  public static void main(String[] args) throws Exception {
    String recording = args.length > 0 ? args[0] : "src/sample/gameplay.mp4";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    opencv_core.setNumThreads(1);
    List<Mat> frames = decode(recording, count);
    System.out.printf(
        "%d frames of %s at %dx%d, OpenCV on 1 thread, %d processors; second of two runs%n",
        frames.size(), recording, WIDTH, HEIGHT, Runtime.getRuntime().availableProcessors());
    for (int run = 0; run < 2; run++) {
      boolean report = run == 1;
      for (FlowPreset preset : FlowPreset.values()) {
        long[] t0 = now();
        MemoryFlows.of(frames, preset);
        print(report, "flow alone, " + preset, frames.size(), since(t0));
      }
      for (MaskSpec spec :
          List.of(
              MaskSpec.full(),
              MaskSpec.luma(16),
              MaskSpec.chroma(0x00ff00, 40),
              MaskSpec.background(MaskSpec.Subtractor.MOG2, 100),
              MaskSpec.background(MaskSpec.Subtractor.KNN, 100))) {
        long[] t0 = now();
        masks(frames, spec).forEach(Mat::close);
        print(
            report,
            "mask alone, "
                + spec.mode()
                + (spec.subtractor() == null ? "" : " " + spec.subtractor()),
            frames.size(),
            since(t0));
      }
      pipeline(frames, report);
    }
  }

  /** Mask + flow + noise, timed per part. */
  private static void pipeline(List<Mat> frames, boolean report) throws IOException {
    long[] t0 = now();
    List<Mat> masks = masks(frames, MaskSpec.luma(16));
    long[] mask = since(t0);
    long[] t1 = now();
    MemoryFlows flows = MemoryFlows.of(frames, FlowPreset.MEDIUM);
    long[] flow = since(t1);
    long[] t2 = now();
    List<Integer> keys = new ArrayList<>();
    for (int n = 1; n <= frames.size(); n += KEY_EVERY) {
      keys.add(n);
    }
    List<PointTracks> tracks = new ArrayList<>();
    long points = 0;
    for (int i = 0; i < keys.size(); i++) {
      int key = keys.get(i);
      PointSet set = PointSet.seed(masks.get(key - 1), 10, 1, key);
      points += set.size();
      tracks.add(TrackAdvector.track(set, key, KeySpan.of(keys, i, 1, 1, frames.size()), flows));
    }
    long[] tracking = since(t2);
    long[] total = {mask[0] + flow[0] + tracking[0], mask[1] + flow[1] + tracking[1]};
    try (Mat image = new Mat()) {
      for (NoiseVariant variant : NoiseVariant.DEFAULTS) {
        GaussRenderer renderer = new GaussRenderer(WIDTH, HEIGHT, variant.sigma());
        long[] r0 = now();
        for (int n = 1; n <= frames.size(); n++) {
          renderer.render(tracks, n, image);
        }
        long[] render = since(r0);
        total[0] += render[0];
        total[1] += render[1];
        print(report, "noise render alone, " + variant.name(), frames.size(), render);
      }
    }
    masks.forEach(Mat::close);
    int n = frames.size();
    print(
        report, "noise tracking alone (" + points / keys.size() + " points per key)", n, tracking);
    print(report, "flow alone, MEDIUM (in the pipeline)", n, flow);
    print(report, "MASK + FLOW + NOISE (luma, MEDIUM, both variants)", n, total);
  }

  /** CPU time of this thread and wall time, in ns. */
  private static long[] now() {
    return new long[] {THREADS.getCurrentThreadCpuTime(), System.nanoTime()};
  }

  private static long[] since(long[] start) {
    long[] end = now();
    return new long[] {end[0] - start[0], end[1] - start[1]};
  }

  private static List<Mat> masks(List<Mat> frames, MaskSpec spec) {
    List<Mat> out = new ArrayList<>();
    try (MaskMaker maker = new MaskMaker(spec)) {
      for (Mat frame : frames) {
        out.add(maker.make(frame).clone());
      }
    }
    return out;
  }

  private static List<Mat> decode(String recording, int count) throws Exception {
    List<Mat> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(recording);
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        FrameResizer resizer = new FrameResizer(WIDTH, HEIGHT, ResizeMode.STRETCH)) {
      grabber.start();
      Frame frame;
      while (frames.size() < count && (frame = grabber.grabImage()) != null) {
        frames.add(resizer.resize(converter.convert(frame)).clone());
      }
    }
    return frames;
  }

  private static void print(boolean report, String what, int frames, long[] nanos) {
    if (report) {
      System.out.printf(
          "  %-52s %8.1f frames/s per core (%7.2f ms CPU/frame), wall %7.2f ms/frame%n",
          what, frames / (nanos[0] / 1e9), nanos[0] / 1e6 / frames, nanos[1] / 1e6 / frames);
    }
  }
}
