package org.stylepipe.report;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The train job's contact sheet: held-out frames side by side as the input, the teacher's output,
 * the student's before training and after.
 */
public final class TrainingSheet {
  public static final List<String> COLUMNS =
      List.of("input", "teacher", "student before", "student after");

  /**
   * One held-out frame: its pictures by column, 8-bit BGR of one size.
   *
   * @param sequence the frame's sequence
   * @param number the frame's number in it
   * @param source the input image's URI
   */
  public record Frame(
      String sequence, int number, String source, int width, int height, Map<String, byte[]> bgr) {}

  private TrainingSheet() {}

  public static ContactSheet of(List<Frame> frames) {
    List<ContactSheet.Row> rows = new ArrayList<>();
    for (Frame frame : frames) {
      Map<String, ContactSheet.Image> images = new LinkedHashMap<>();
      try (Mat mat = new Mat(frame.height(), frame.width(), CV_8UC3)) {
        for (String column : COLUMNS) {
          byte[] bgr = frame.bgr().get(column);
          if (bgr == null) {
            continue;
          }
          mat.data().put(bgr);
          BufferedImage small = Thumbnails.scaled(mat, ContactSheet.THUMBNAIL_WIDTH);
          images.put(
              column,
              new ContactSheet.Image(
                  column.equals("input") ? frame.source() : column,
                  small.getWidth(),
                  small.getHeight(),
                  Thumbnails.jpeg(small)));
        }
      }
      rows.add(new ContactSheet.Row(frame.sequence(), frame.number(), images));
    }
    return new ContactSheet(COLUMNS, rows);
  }
}
