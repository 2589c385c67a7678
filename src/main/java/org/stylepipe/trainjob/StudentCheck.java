package org.stylepipe.trainjob;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;
import org.stylepipe.report.TrainingSheet;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.NpyArray;
import org.stylepipe.stylize.NpzWriter;
import org.stylepipe.stylize.StyleModel;
import org.stylepipe.train.FramePair;

/**
 * The trained student on the validation frames, whole, as the stylize job runs models: its PSNR
 * against the teacher's output before and after training, and its ONNX export on ONNX Runtime
 * against its {@code .npz} on the PyTorch engine, 8-bit output against 8-bit output; the contact
 * sheet's pictures on the way. Spark-free; runs on the driver's CPU.
 */
final class StudentCheck {
  private static final ModelOptions CPU = new ModelOptions("cpu", false, 0, 1);

  /**
   * @param psnrBefore the initial weights' PSNR against the teacher, dB
   * @param psnrAfter the trained student's
   * @param onnxMaxDifference the largest difference between the ONNX Runtime and PyTorch outputs,
   *     8-bit levels
   * @param onnxDiffering the fraction of output values that differ
   */
  record Result(
      double psnrBefore,
      double psnrAfter,
      int onnxMaxDifference,
      double onnxDiffering,
      List<TrainingSheet.Frame> sheet) {}

  private StudentCheck() {}

  static Result run(
      byte[] npz,
      byte[] onnx,
      Map<String, NpyArray> initial,
      List<FramePair> validation,
      FileStore store,
      int sheetFrames)
      throws IOException {
    Path dir = Files.createTempDirectory("stylepipe-student-check");
    try {
      Path after = Files.write(dir.resolve("student.npz"), npz);
      Path exported = Files.write(dir.resolve("student.onnx"), onnx);
      Path before = dir.resolve("initial.npz");
      try (OutputStream out = Files.newOutputStream(before)) {
        NpzWriter.write(initial, out);
      }
      try (StyleModel trained = StyleModel.load(after, CPU);
          StyleModel runtime = StyleModel.load(exported, CPU);
          StyleModel untrained = StyleModel.load(before, CPU);
          Predictor<FrameBatch, FrameBatch> trainedPredictor = trained.newPredictor();
          Predictor<FrameBatch, FrameBatch> runtimePredictor = runtime.newPredictor();
          Predictor<FrameBatch, FrameBatch> untrainedPredictor = untrained.newPredictor()) {
        double squaredBefore = 0;
        double squaredAfter = 0;
        int maxDifference = 0;
        long differing = 0;
        long values = 0;
        List<TrainingSheet.Frame> sheet = new ArrayList<>();
        for (FramePair pair : validation) {
          Picture input = Picture.read(pair.input(), store);
          Picture target = Picture.read(pair.target(), store);
          FrameBatch batch = FrameBatch.of(input.width(), input.height(), List.of(input.bgr()));
          byte[] studentOut = trainedPredictor.predict(batch).frames().get(0);
          byte[] runtimeOut = runtimePredictor.predict(batch).frames().get(0);
          byte[] untrainedOut = untrainedPredictor.predict(batch).frames().get(0);
          squaredBefore += meanSquared(untrainedOut, target.bgr());
          squaredAfter += meanSquared(studentOut, target.bgr());
          for (int i = 0; i < studentOut.length; i++) {
            int d = Math.abs((studentOut[i] & 0xff) - (runtimeOut[i] & 0xff));
            maxDifference = Math.max(maxDifference, d);
            differing += d == 0 ? 0 : 1;
          }
          values += studentOut.length;
          if (sheet.size() < sheetFrames) {
            Map<String, byte[]> pictures = new LinkedHashMap<>();
            pictures.put("input", input.bgr());
            pictures.put("teacher", target.bgr());
            pictures.put("student before", untrainedOut);
            pictures.put("student after", studentOut);
            sheet.add(
                new TrainingSheet.Frame(
                    pair.sequence(),
                    pair.number(),
                    pair.input(),
                    input.width(),
                    input.height(),
                    pictures));
          }
        }
        int n = Math.max(1, validation.size());
        return new Result(
            psnr(squaredBefore / n),
            psnr(squaredAfter / n),
            maxDifference,
            values == 0 ? 0 : differing / (double) values,
            sheet);
      } catch (TranslateException e) {
        throw new IllegalStateException("Cannot run the trained student: " + e.getMessage(), e);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** An 8-bit BGR image read from a URI. */
  private record Picture(int width, int height, byte[] bgr) {
    static Picture read(String uri, FileStore store) throws IOException {
      try (Mat image = ImageDecoder.decode(store.read(uri), IMREAD_COLOR, uri)) {
        byte[] bgr = new byte[(int) (image.total() * image.channels())];
        image.data().get(bgr);
        return new Picture(image.cols(), image.rows(), bgr);
      }
    }
  }

  private static double meanSquared(byte[] a, byte[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += d * d;
    }
    return sum / a.length;
  }

  /** PSNR in dB of a mean squared error on the 0..255 scale. */
  static double psnr(double meanSquared) {
    return 10 * Math.log10(255.0 * 255.0 / meanSquared);
  }
}
