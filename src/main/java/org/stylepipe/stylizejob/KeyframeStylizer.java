package org.stylepipe.stylizejob;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.GuideMode;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.DeviceChoice;
import org.stylepipe.stylize.FrameBatch;

/**
 * The keyframes job's core, free of Spark: stylizes one recording's keyframes (or any images, for
 * the train job's targets) in batches with a teacher model and writes each result as PNG: for a
 * few-shot dataset, as {@code _train/output/<number>.png} of the original sequence and, mirrored,
 * of the mirrored one (the mirrored sequence's keyframes are the mirrored originals, so their
 * targets are the mirrored results). Keyframes that already have an output (an artist's, or an
 * earlier run's) are kept unless {@code overwrite}.
 *
 * <p>A keyframe or guide that cannot be read, or a store that cannot be written, is the outcome's
 * error (with the exception's class); anything else (a bug, the engine failing) is thrown, so that
 * the task fails with its stack trace and Spark retries it.
 */
public final class KeyframeStylizer {
  private final Configuration conf;
  private final GuideMode guide;
  private final int batchSize;
  private final boolean overwrite;

  public KeyframeStylizer(Configuration conf, GuideMode guide, int batchSize, boolean overwrite) {
    this.conf = conf;
    this.guide = guide;
    this.batchSize = batchSize;
    this.overwrite = overwrite;
  }

  public KeyframeOutcome process(
      KeyframeTask task,
      Predictor<FrameBatch, FrameBatch> predictor,
      DeviceChoice device,
      TaskPlace place) {
    long started = System.nanoTime();
    FileStore store = new FileStore(conf);
    int stylized = 0;
    int kept = 0;
    ErrorRow error = null;
    List<KeyframeTask.Keyframe> batch = new ArrayList<>();
    try (ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
        FrameMirror mirror = new FrameMirror()) {
      List<KeyframeTask.Keyframe> todo = new ArrayList<>();
      for (KeyframeTask.Keyframe keyframe : task.keyframes()) {
        if (!overwrite && exists(keyframe.output())) {
          kept++;
        } else {
          todo.add(keyframe);
        }
      }
      for (int i = 0; i < todo.size(); i += batchSize) {
        batch = todo.subList(i, Math.min(todo.size(), i + batchSize));
        stylize(batch, predictor, store, png, mirror);
        stylized += batch.size();
      }
    } catch (IOException e) {
      error =
          new ErrorRow(
              task.source(),
              task.recordingId(),
              "stylize",
              -1,
              "stopped at keyframe "
                  + (batch.isEmpty() ? "?" : batch.get(0).number())
                  + " after "
                  + stylized
                  + " keyframes: "
                  + SegmentStylizer.describe(e));
    }
    return new KeyframeOutcome(
        task.recordingId(),
        stylized,
        kept,
        device.device(),
        System.nanoTime() - started,
        place,
        error);
  }

  private void stylize(
      List<KeyframeTask.Keyframe> batch,
      Predictor<FrameBatch, FrameBatch> predictor,
      FileStore store,
      ImageEncoder png,
      FrameMirror mirror)
      throws IOException {
    List<byte[]> frames = new ArrayList<>();
    List<byte[]> guides = new ArrayList<>();
    int width = 0;
    int height = 0;
    for (KeyframeTask.Keyframe keyframe : batch) {
      try (Mat image = read(keyframe.input(), store)) {
        width = image.cols();
        height = image.rows();
        frames.add(bytes(image));
      }
      if (guide == GuideMode.NOISE) {
        try (Mat noise = read(keyframe.guide(), store)) {
          guides.add(bytes(noise));
        }
      } else if (guide == GuideMode.BLACK) {
        guides.add(new byte[width * height * 3]);
      }
    }
    FrameBatch output;
    try {
      output = predictor.predict(new FrameBatch(width, height, frames, guides));
    } catch (TranslateException e) {
      throw new IllegalStateException(
          "Cannot stylize keyframes "
              + batch.get(0).number()
              + ".."
              + batch.get(batch.size() - 1).number()
              + ": "
              + e,
          e);
    }
    try (Mat image = new Mat(height, width, opencv_core.CV_8UC3)) {
      for (int i = 0; i < batch.size(); i++) {
        image.data().put(output.frames().get(i));
        store.write(batch.get(i).output(), png.encode(image));
        if (batch.get(i).mirroredOutput() != null) {
          store.write(batch.get(i).mirroredOutput(), png.encode(mirror.mirror(image)));
        }
      }
    }
  }

  private Mat read(String path, FileStore store) throws IOException {
    try {
      return ImageDecoder.decode(store.read(path), IMREAD_COLOR, path);
    } catch (FileNotFoundException e) {
      throw new IOException("Cannot read " + path + ": it does not exist", e);
    } catch (IllegalArgumentException e) { // not an image: bad input
      throw new IOException(e.getMessage(), e);
    }
  }

  private boolean exists(String path) throws IOException {
    Path file = new Path(path);
    return file.getFileSystem(conf).exists(file);
  }

  private static byte[] bytes(Mat image) {
    byte[] bytes = new byte[(int) (image.total() * image.channels())];
    image.data().get(bytes);
    return bytes;
  }
}
