package org.stylepipe.stylize;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Blocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.testing.BenchmarkClips;
import org.stylepipe.video.H264Encoder;
import org.stylepipe.video.KeyframeGrid;
import org.stylepipe.video.TimeBase;
import org.stylepipe.video.VideoEncoder;

/**
 * The CPU cost per frame of everything a stylize task does beside inference, one stage at a time on
 * the calling thread, at 720x540 and 1280x720: decoding (FFmpeg, one thread), resizing from the
 * bundled sample's 1280x720 (OpenCV area), the conversion to the model's float input and back from
 * its output (through a DJL predictor on an identity block, in the NCHW layout a GPU gets), H.264
 * encoding with OpenH264 and PNG encoding. Not a test; run it with {@code
 * jobs/benchmark-frame-costs [FRAMES]}, which pins it to one CPU.
 */
public final class FrameCostBenchmark {
  private static final int[][] SIZES = {{720, 540}, {1280, 720}};

  private FrameCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    Path sample = Path.of("src/sample/gameplay.mp4");
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "frame-costs");
    List<Mat> source = decodeAll(sample, frames);
    System.out.printf(
        "%d frames per stage, milliseconds per frame on one thread (%d processors visible)%n",
        frames, Runtime.getRuntime().availableProcessors());
    System.out.println(
        "size      | decode | resize from 1280x720 | to and from the model's tensor | H.264 (OpenH264) | PNG");
    for (int[] size : SIZES) {
      int width = size[0];
      int height = size[1];
      Path clip =
          BenchmarkClips.firstFrames(sample, work.resolve("clip.mp4"), frames, width, height);
      List<byte[]> pixels = new ArrayList<>();
      long start = System.nanoTime();
      try (SegmentReader reader =
          new SegmentReader(
              clip.toString(), new Configuration(), BenchmarkClips.wholeRecording(), 1)) {
        DecodedFrame frame;
        while ((frame = reader.next()) != null) {
          pixels.add(BenchmarkClips.bgr(frame.image()));
        }
      }
      double decode = perFrame(start, pixels.size());
      double resize = resize(source, width, height);
      double convert = convert(pixels, width, height);
      double h264 = encode(pixels, width, height, work.resolve("out.mp4"));
      double png = png(pixels, width, height);
      System.out.printf(
          "%4dx%-4d | %6.2f | %20s | %30.2f | %16.2f | %5.2f%n",
          width,
          height,
          decode,
          width == 1280 ? "(none)" : String.format("%.2f", resize),
          convert,
          h264,
          png);
    }
    source.forEach(Mat::close);
  }

  private static List<Mat> decodeAll(Path sample, int frames) throws Exception {
    List<Mat> images = new ArrayList<>();
    try (SegmentReader reader =
        new SegmentReader(
            sample.toString(), new Configuration(), BenchmarkClips.wholeRecording(), 1)) {
      DecodedFrame frame;
      while (images.size() < frames && (frame = reader.next()) != null) {
        images.add(frame.image().clone());
      }
    }
    return images;
  }

  private static double resize(List<Mat> source, int width, int height) {
    try (FrameResizer resizer = new FrameResizer(width, height, ResizeMode.STRETCH)) {
      resizer.resize(source.get(0));
      long start = System.nanoTime();
      for (Mat image : source) {
        resizer.resize(image);
      }
      return perFrame(start, source.size());
    }
  }

  /** processInput and processOutput of a batch of one frame, through an identity block. */
  private static double convert(List<byte[]> pixels, int width, int height) throws Exception {
    ModelSpec spec = ModelSpec.defaults(ModelFormat.NPZ);
    try (Model model = Model.newInstance("identity", ai.djl.Device.cpu(), "PyTorch")) {
      model.setBlock(Blocks.identityBlock());
      try (Predictor<FrameBatch, FrameBatch> predictor =
          model.newPredictor(new StyleTranslator(spec, DataType.FLOAT32, false))) {
        predictor.predict(FrameBatch.of(width, height, List.of(pixels.get(0))));
        long start = System.nanoTime();
        for (byte[] frame : pixels) {
          predictor.predict(FrameBatch.of(width, height, List.of(frame)));
        }
        return perFrame(start, pixels.size());
      }
    }
  }

  private static double encode(List<byte[]> pixels, int width, int height, Path file)
      throws Exception {
    long start = System.nanoTime();
    try (VideoEncoder encoder =
        new VideoEncoder(
            H264Encoder.OPENH264,
            file,
            width,
            height,
            new TimeBase(1, 30),
            30,
            StylizeConfig.from(
                    OptionMap.fromArgs(
                        List.of("--input", "a.mp4", "--output", "out", "--model", "m.pt")))
                .settings()
                .videoRate(width, height, 30),
            KeyframeGrid.stylized(0))) {
      for (int i = 0; i < pixels.size(); i++) {
        encoder.encode(pixels.get(i), i * 1_000_000L / 30);
      }
      encoder.finish();
    }
    return perFrame(start, pixels.size());
  }

  private static double png(List<byte[]> pixels, int width, int height) {
    try (ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
        Mat image = new Mat(height, width, opencv_core.CV_8UC3)) {
      long start = System.nanoTime();
      for (byte[] frame : pixels) {
        image.data().put(frame);
        png.encode(image);
      }
      return perFrame(start, pixels.size());
    }
  }

  private static double perFrame(long start, int frames) {
    return (System.nanoTime() - start) / 1e6 / frames;
  }
}
