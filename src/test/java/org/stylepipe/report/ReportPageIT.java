package org.stylepipe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.flicker.FlickerSeries;
import org.stylepipe.testing.HeadlessChromium;
import org.stylepipe.testing.TestVideos;

/**
 * The report page rendered from a report built in code: every part present (a contact sheet with a
 * missing cell, flicker plots from a fixture series, a preview), text that looks like markup,
 * opened in headless Chromium.
 */
class ReportPageIT {
  private static final String MARKUP = "<img src=x onerror=\"alert(1)\"> & <b>bold</b>";

  @TempDir static Path dir;
  static HeadlessChromium chromium;

  @BeforeAll
  static void startChromium() throws Exception {
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stopChromium() throws Exception {
    chromium.close();
  }

  @Test
  void everyPartRendersWithoutBrokenImagesOrConsoleErrors() throws Exception {
    FlickerSeries shortSeries = flicker("clip", 90);
    FlickerSeries longSeries = flicker("long", 5000);
    Path page =
        Files.writeString(
            dir.resolve("report.html"),
            ReportPage.render(report(List.of(shortSeries, longSeries), preview())));

    chromium.open(page.toUri());
    Path screenshot =
        chromium.screenshot(Path.of("target", "report-screenshots", "report-page.png"));

    assertEquals(List.of(), chromium.problems());
    assertEquals(List.of(), chromium.brokenImages());
    assertEquals(
        2 * 3 + 2 + 1,
        chromium.evaluate("document.images.length").asInt(),
        "8 thumbnails and the preview");
    assertEquals(
        1,
        chromium.evaluate("document.querySelectorAll('.sheet td.empty').length").asInt(),
        "the row without a mask has an empty cell");
    assertEquals(2, chromium.evaluate("document.querySelectorAll('svg.flicker').length").asInt());
    assertEquals(2, chromium.evaluate("document.querySelectorAll('svg.bars').length").asInt());
    String text = chromium.evaluate("document.body.innerText").asText();
    assertTrue(text.contains(MARKUP), "markup in an error reason is shown as text");
    assertEquals(0, chromium.evaluate("document.querySelectorAll('b').length").asInt());
    assertTrue(text.contains("input " + Format.precise(shortSeries.inputWarpingError())));
    assertTrue(Files.size(screenshot) > 50_000, "a screenshot with pictures");
    // Long series are binned: one point per bin at most.
    String longPath =
        chromium
            .evaluate(
                "document.querySelectorAll('svg.flicker')[1].querySelector('path.output').getAttribute('d')")
            .asText();
    assertTrue(
        longPath.split("[ML]").length - 1 <= FlickerPlot.MAX_POINTS,
        "points: " + longPath.length());
  }

  @Test
  void flickerNotMeasuredSaysSo() throws Exception {
    String html = ReportPage.render(report(List.of(), null));
    assertTrue(html.contains("Not measured."));
    assertTrue(html.contains("No frame was stylized."));
    assertFalse(html.contains("<svg class=\"chart flicker\""));
    assertFalse(
        ReportPage.render(dataset()).contains("Flicker"), "no flicker section in a dataset report");
  }

  @Test
  void jsonHasNullWhereAFrameHasNoFlickerValue() throws Exception {
    JsonNode json =
        new ObjectMapper().valueToTree(report(List.of(flicker("clip", 10)), null).toMap());
    JsonNode series = json.path("flicker").path("recordings").get(0);
    assertTrue(json.path("flicker").path("measured").asBoolean());
    assertTrue(series.path("input").get(0).isNull(), "the first frame has no E_t");
    assertEquals(9, countNumbers(series.path("output")));
    assertTrue(json.path("preview").isNull());
    assertNull(dataset().toMap().get("flicker"));
  }

  @Test
  void aFlickerSeriesNeedsAValuePerFrame() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FlickerSeries("clip", new long[] {0, 1}, new double[2], new double[1]));
    assertEquals(
        "Cannot make the flicker series of clip: 2 frames but 2 input and 1 output values",
        e.getMessage());
    FlickerSeries series =
        new FlickerSeries(
            "clip",
            new long[] {0, 1, 2},
            new double[] {Double.NaN, 1, 3},
            new double[] {Double.NaN, Double.NaN, Double.NaN});
    assertEquals(2, series.inputWarpingError());
    assertTrue(Double.isNaN(series.outputWarpingError()));
  }

  /**
   * A fixture: E_t of the input near 0.001, of the output near 0.01 with a spike every 30 frames.
   */
  private static FlickerSeries flicker(String recording, int frames) {
    Random random = new Random(frames);
    double[] input = new double[frames];
    double[] output = new double[frames];
    for (int i = 0; i < frames; i++) {
      input[i] = i == 0 ? Double.NaN : 0.001 + 0.0002 * random.nextDouble();
      output[i] =
          i == 0 ? Double.NaN : 0.01 + 0.002 * random.nextDouble() + (i % 30 == 0 ? 0.02 : 0);
    }
    return new FlickerSeries(
        recording, LongStream.range(100, 100 + frames).toArray(), input, output);
  }

  private static JobReport report(List<FlickerSeries> flicker, Preview preview) throws Exception {
    return new JobReport(
        "stylize",
        "file:/data/out",
        Instant.parse("2026-01-02T03:04:05Z"),
        12.5,
        List.of("file:/data/clip.mp4", "file:/data/" + MARKUP),
        Map.of("batch-size", 4),
        Map.of("recordings", 2, "frames_stylized", 90),
        stages(),
        List.of(
            new ExecutorStats("stylize", "1", "worker-1", 2, 60, 6, 5.5),
            new ExecutorStats("stylize", "2", "worker-2", 1, 30, 6, 2.9)),
        List.of(new ErrorRow("file:/data/" + MARKUP, "x", "probe", -1, MARKUP)),
        sheet(),
        new VideoReview(flicker, preview));
  }

  private static JobReport dataset() throws Exception {
    return new JobReport(
        "dataset",
        "file:/data/out",
        Instant.now(),
        1,
        List.of("file:/data/clip.mp4"),
        Map.of(),
        Map.of(),
        stages(),
        List.of(),
        List.of(),
        sheet(),
        null);
  }

  private static List<StageStats> stages() {
    return List.of(
        new StageStats("probe", 0.4, 900, Map.of("recordings", 2L)),
        new StageStats("stylize", 6, 90, Map.of("segments", 3L)));
  }

  /** Three frames of original, mirrored and mask; the last without mask. */
  private static ContactSheet sheet() throws Exception {
    List<ContactSheet.Row> rows = new ArrayList<>();
    try (Mat frame = new Mat(90, 160, opencv_core.CV_8UC3)) {
      for (int i = 0; i < 3; i++) {
        TestVideos.paint(frame, i * 10, 160, 90);
        Map<String, ContactSheet.Image> images = new HashMap<>();
        for (String column :
            i < 2 ? List.of("original", "mirrored", "mask") : List.of("original", "mirrored")) {
          BufferedImage small = Thumbnails.scaled(frame, ContactSheet.THUMBNAIL_WIDTH);
          images.put(
              column,
              new ContactSheet.Image(
                  "frames/clip/" + column + "/" + i + ".png",
                  small.getWidth(),
                  small.getHeight(),
                  Thumbnails.jpeg(small)));
        }
        rows.add(new ContactSheet.Row("clip", i * 10, images));
      }
    }
    return new ContactSheet(List.of("original", "mirrored", "mask"), rows);
  }

  private static Preview preview() throws Exception {
    List<BufferedImage> frames = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    try (Mat frame = new Mat(90, 160, opencv_core.CV_8UC3)) {
      for (int i = 0; i < 10; i++) {
        TestVideos.paint(frame, i, 160, 90);
        frames.add(Thumbnails.scaled(frame, 320, 90));
        times.add(i * 33_333L);
      }
    }
    return new Preview("clip", 0, frames.size(), 320, 90, AnimatedGif.encode(frames, times));
  }

  private static int countNumbers(JsonNode array) {
    int numbers = 0;
    for (JsonNode value : array) {
      numbers += value.isNumber() ? 1 : 0;
    }
    return numbers;
  }
}
