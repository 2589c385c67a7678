package org.stylepipe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.ParquetBytes;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.testing.TestVideos;

/**
 * The dataset contact sheet read from real manifest files and images: the optional {@code
 * mask_path} and {@code noise_paths} (a Parquet MAP) columns become columns of the sheet where a
 * manifest file has them.
 */
class DatasetSheetTest {
  private static final MessageType WITH_GUIDES =
      MessageTypeParser.parseMessageType(
          """
      message manifest {
        required binary source (STRING); required int32 segment; required int64 frame_index; required int64 pts_us;
        required binary variant (STRING); required int32 width; required int32 height; required binary path (STRING);
        required int64 bytes; required binary sha256 (STRING);
        optional binary mask_path (STRING);
        optional group noise_paths (MAP) {
          repeated group key_value { required binary key (STRING); optional binary value (STRING); }
        }
      }""");
  private static final MessageType PLAIN =
      MessageTypeParser.parseMessageType(
          """
      message manifest {
        required binary source (STRING); required int32 segment; required int64 frame_index; required int64 pts_us;
        required binary variant (STRING); required int32 width; required int32 height; required binary path (STRING);
        required int64 bytes; required binary sha256 (STRING);
      }""");

  @TempDir Path out;

  @Test
  void guideColumnsAppearWhereTheManifestHasThem() throws Exception {
    OutputLayout layout = new OutputLayout(out.toUri().toString());
    writeSegment(layout, WITH_GUIDES, "guided", 0, 4);
    writeSegment(layout, PLAIN, "plain", 0, 4);

    ContactSheet sheet = DatasetSheet.read(layout, new Configuration(), 4);

    assertEquals(
        List.of("original", "mirrored", "mask", "noise r10_s10", "noise r10_s15"), sheet.columns());
    assertEquals(4, sheet.rows().size(), "four frames, two from each manifest file");
    assertEquals(
        List.of("guided", "guided", "plain", "plain"),
        sheet.rows().stream().map(ContactSheet.Row::recordingId).toList());
    assertEquals(
        List.of(0L, 2L, 0L, 2L), sheet.rows().stream().map(ContactSheet.Row::frameIndex).toList());
    ContactSheet.Row guided = sheet.rows().get(1);
    assertEquals(
        sheet.columns().stream().sorted().toList(),
        guided.images().keySet().stream().sorted().toList());
    assertEquals("frames/guided/mask/00000002.png", guided.images().get("mask").source());
    assertEquals(
        "frames/guided/noise_r10_s15/00000002.png", guided.images().get("noise r10_s15").source());
    ContactSheet.Row plain = sheet.rows().get(3);
    assertEquals(
        List.of("mirrored", "original"), plain.images().keySet().stream().sorted().toList());
    assertNull(plain.images().get("mask"));
    for (ContactSheet.Row row : sheet.rows()) {
      for (ContactSheet.Image image : row.images().values()) {
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(image.jpeg()));
        assertEquals(ContactSheet.THUMBNAIL_WIDTH, jpeg.getWidth());
        assertEquals(ContactSheet.THUMBNAIL_WIDTH * 48 / 64, jpeg.getHeight(), "aspect ratio kept");
      }
    }
    Map<String, Object> json = sheet.toMap();
    assertEquals(sheet.columns(), json.get("columns"));
  }

  @Test
  void aDatasetWithoutManifestHasAnEmptySheet() throws Exception {
    ContactSheet sheet =
        DatasetSheet.read(new OutputLayout(out.toUri().toString()), new Configuration(), 8);
    assertTrue(sheet.rows().isEmpty() && sheet.columns().isEmpty());
  }

  @Test
  void aManifestFileWithoutPathsIsNamed() throws Exception {
    OutputLayout layout = new OutputLayout(out.toUri().toString());
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message manifest { required int64 frame_index; required binary variant (STRING); }");
    Path file = Path.of(URI.create(layout.manifestPart("odd", 0)));
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        ParquetBytes.encode(
            schema,
            List.of(
                new SimpleGroupFactory(schema)
                    .newGroup()
                    .append("frame_index", 0L)
                    .append("variant", "original"))));
    IOException e =
        assertThrows(IOException.class, () -> DatasetSheet.read(layout, new Configuration(), 8));
    assertTrue(
        e.getMessage().startsWith("Cannot read manifest file ")
            && e.getMessage().endsWith("segment-00000.parquet: it has no column path"),
        e.getMessage());
  }

  /**
   * A segment's images (original, mirrored; with guides also a mask and two noise guides) and
   * manifest file.
   */
  private static void writeSegment(
      OutputLayout layout, MessageType schema, String recording, int segment, int frames)
      throws Exception {
    boolean guides = schema.containsField("mask_path");
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    List<Group> rows = new ArrayList<>();
    try (ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
        Mat image = new Mat(48, 64, opencv_core.CV_8UC3);
        Mat gray = new Mat(48, 64, opencv_core.CV_8UC1)) {
      for (int frame = 0; frame < frames; frame++) {
        TestVideos.paint(image, frame, 64, 48);
        for (String variant : List.of("original", "mirrored")) {
          String path = write(layout, png, image, recording, variant, frame);
          Group row =
              factory
                  .newGroup()
                  .append("source", "file:/" + recording + ".mp4")
                  .append("segment", segment)
                  .append("frame_index", (long) frame)
                  .append("pts_us", frame * 40_000L)
                  .append("variant", variant)
                  .append("width", 64)
                  .append("height", 48)
                  .append("path", path)
                  .append("bytes", 1L)
                  .append("sha256", "-");
          if (guides && variant.equals("original")) {
            gray.put(new Scalar(frame * 60.0));
            row.append("mask_path", write(layout, png, gray, recording, "mask", frame));
            Group noise = row.addGroup("noise_paths");
            for (String name : List.of("r10_s10", "r10_s15")) {
              noise
                  .addGroup("key_value")
                  .append("key", name)
                  .append("value", write(layout, png, image, recording, "noise_" + name, frame));
            }
          }
          rows.add(row);
        }
      }
    }
    Path file = Path.of(URI.create(layout.manifestPart(recording, segment)));
    Files.createDirectories(file.getParent());
    Files.write(file, ParquetBytes.encode(schema, rows));
  }

  private static String write(
      OutputLayout layout, ImageEncoder png, Mat image, String recording, String folder, long frame)
      throws IOException {
    String path = OutputLayout.frame(recording, folder, frame, "png");
    Path file = Path.of(URI.create(layout.resolve(path)));
    Files.createDirectories(file.getParent());
    Files.write(file, png.encode(image));
    return path;
  }
}
