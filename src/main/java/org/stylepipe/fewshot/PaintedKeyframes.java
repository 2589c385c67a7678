package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.output.OutputLayout;

/**
 * Fills the sequences' {@code _train/output/} with keyframes an artist painted, free of Spark:
 * {@code DIR/<sequence>/<number>.png} (the names of {@code _train/input/}, any image format OpenCV
 * reads) is written as PNG to the original sequence and, mirrored, to the mirrored one. A painting
 * that is missing or of another size than the frames is an error naming it; the others are copied.
 */
public final class PaintedKeyframes {
  private final String folder;
  private final FrameSettings frames;
  private final OutputLayout layout;
  private final Configuration conf;

  public PaintedKeyframes(
      String folder, FrameSettings frames, OutputLayout layout, Configuration conf) {
    this.folder = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    this.frames = frames;
    this.layout = layout;
    this.conf = conf;
  }

  /** Copies the keyframes of a recording; returns the problems, if any. */
  public List<ErrorRow> copy(KeyframeTask task) {
    Sequences sequences = Sequences.of(task.recording().id(), task.length(), frames.mirror());
    FileStore store = new FileStore(conf);
    List<String> missing = new ArrayList<>();
    List<ErrorRow> errors = new ArrayList<>();
    try (FrameMirror mirror = new FrameMirror();
        ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0)) {
      for (int key : task.keys()) {
        FewShotLayout original = sequences.original();
        String painting = folder + "/" + original.sequence() + "/" + original.stem(key) + ".png";
        try (Mat image = ImageDecoder.decode(store.read(painting), IMREAD_COLOR, painting)) {
          if (image.cols() != frames.width() || image.rows() != frames.height()) {
            throw new IllegalArgumentException(
                "Cannot use painted keyframe "
                    + painting
                    + ": it is "
                    + image.cols()
                    + "x"
                    + image.rows()
                    + ", the frames are "
                    + frames.width()
                    + "x"
                    + frames.height());
          }
          store.write(layout.resolve(original.trainOutput(key)), png.encode(image));
          if (sequences.mirrored() != null) {
            store.write(
                layout.resolve(sequences.mirrored().trainOutput(key)),
                png.encode(mirror.mirror(image)));
          }
        } catch (FileNotFoundException e) {
          missing.add(painting);
        } catch (IOException | IllegalArgumentException e) {
          errors.add(error(task, e.getMessage()));
        }
      }
    }
    if (!missing.isEmpty()) {
      errors.add(
          0,
          error(
              task,
              "Cannot find painted keyframes "
                  + missing
                  + " ("
                  + missing.size()
                  + " of "
                  + task.keys().size()
                  + " keyframes)"));
    }
    return errors;
  }

  private static ErrorRow error(KeyframeTask task, String reason) {
    return new ErrorRow(task.recording().uri(), task.recording().id(), "keyframes", -1, reason);
  }
}
