package org.stylepipe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.stylizejob.StylizeJob;
import org.stylepipe.stylizejob.StylizeSummary;
import org.stylepipe.testing.HeadlessChromium;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The reports of real jobs (local Spark, a generated clip, the real mosaic model) with a broken and
 * a missing input: report.json agrees with the job's summary, and report.html opens in headless
 * Chromium with every picture and plot and no console error. Screenshots go to {@code
 * target/report-screenshots/}.
 */
class JobReportIT extends SparkTestBase {
  private static final int FRAMES = 45;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static HeadlessChromium chromium;
  static List<String> inputs;
  static Path datasetOut;
  static DatasetSummary dataset;
  static Path stylizeOut;
  static StylizeSummary stylize;

  @BeforeAll
  static void runJobs() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 160, 96, FRAMES, 30, 10);
    Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
    inputs = List.of(clip.toString(), empty.toString(), dir.resolve("missing.mp4").toString());
    datasetOut = dir.resolve("dataset");
    dataset =
        DatasetJob.run(
            DatasetConfig.from(options(datasetOut, "--segment-seconds", "0.5", "--size", "128x96")),
            spark);
    stylizeOut = dir.resolve("stylized");
    stylize =
        StylizeJob.run(
            StylizeConfig.from(
                options(
                    stylizeOut,
                    "--segment-seconds",
                    "0.5",
                    "--model",
                    TestModels.file("mosaic.onnx").toString())),
            spark);
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stopChromium() throws Exception {
    chromium.close();
  }

  @Test
  void datasetReportJsonAgreesWithTheSummary() throws Exception {
    JsonNode report = JSON.readTree(datasetOut.resolve("report.json").toFile());
    assertEquals("dataset", report.path("job").asText());
    assertEquals(dataset.output(), report.path("output").asText());
    assertEquals(JSON.readTree(JSON.writeValueAsString(dataset.totals())), report.path("totals"));
    assertEquals(inputs, strings(report.path("inputs")));
    assertEquals("128x96", report.path("options").path("size").asText());
    assertTrue(report.path("options").path("mirror").asBoolean());

    assertEquals(List.of("probe", "extract"), names(report.path("stages")));
    JsonNode probe = report.path("stages").get(0);
    assertEquals(dataset.recordings(), probe.path("counts").path("recordings").asInt());
    assertEquals(1, probe.path("counts").path("failed").asInt(), "the empty file");
    assertEquals(
        1, probe.path("counts").path("inputs_without_recordings").asInt(), "the missing path");
    assertEquals(FRAMES, probe.path("frames").asLong(), "frames the clip's container lists");
    JsonNode extract = report.path("stages").get(1);
    assertEquals(dataset.framesDecoded(), extract.path("frames").asLong());
    assertEquals(dataset.imagesWritten(), extract.path("counts").path("images_written").asLong());
    assertEquals(dataset.segments(), extract.path("counts").path("segments").asInt());
    assertTrue(extract.path("frames_per_second").asDouble() > 0);
    assertExecutors(report, "extract", dataset.segments(), dataset.framesDecoded());
    assertErrorsListed(report, dataset.errors().size());

    JsonNode sheet = report.path("contact_sheet");
    assertEquals(List.of("original", "mirrored"), strings(sheet.path("columns")));
    assertEquals(ContactSheet.FRAMES, sheet.path("rows").size());
    for (JsonNode row : sheet.path("rows")) {
      for (String column : List.of("original", "mirrored")) {
        assertTrue(
            Files.isRegularFile(datasetOut.resolve(row.path("images").path(column).asText())),
            row.toString());
      }
    }
    assertFalse(report.has("flicker"));
    assertWrittenBeforeSuccess(datasetOut);
  }

  @Test
  void stylizeReportJsonAgreesWithTheSummary() throws Exception {
    JsonNode report = JSON.readTree(stylizeOut.resolve("report.json").toFile());
    assertEquals("stylize", report.path("job").asText());
    assertEquals(JSON.readTree(JSON.writeValueAsString(stylize.totals())), report.path("totals"));
    assertTrue(report.path("options").path("model").asText().endsWith("mosaic.onnx"));
    assertEquals(List.of("probe", "stylize", "join", "flicker"), names(report.path("stages")));
    JsonNode stage = report.path("stages").get(1);
    assertEquals(FRAMES, stylize.framesStylized());
    assertEquals(stylize.framesStylized(), stage.path("frames").asLong());
    assertEquals(stylize.framesDecoded(), stage.path("counts").path("frames_decoded").asLong());
    assertEquals(stylize.segments(), stage.path("counts").path("segments").asInt());
    assertEquals(FRAMES, report.path("stages").get(2).path("frames").asLong(), "frames joined");
    assertEquals(
        stylize.videos(), report.path("stages").get(2).path("counts").path("joined").asInt());
    assertExecutors(report, "stylize", stylize.segments(), FRAMES);
    assertExecutors(report, "join", 1, FRAMES);
    assertErrorsListed(report, stylize.errors().size());

    JsonNode sheet = report.path("contact_sheet");
    assertEquals(List.of("input", "stylized"), strings(sheet.path("columns")));
    assertEquals(ContactSheet.FRAMES, sheet.path("rows").size());
    assertEquals(
        "stylized/clip/segments/00000.mp4",
        sheet.path("rows").get(0).path("images").path("stylized").asText());
    JsonNode flicker = report.path("flicker");
    assertTrue(flicker.path("measured").asBoolean());
    JsonNode clip = flicker.path("recordings").get(0);
    assertEquals("clip", clip.path("recording_id").asText());
    assertEquals(FRAMES, clip.path("frames").asInt());
    assertEquals(stylize.flicker().input(), clip.path("e_warp_input").asDouble(), 1e-12);
    assertEquals(stylize.flicker().output(), clip.path("e_warp_output").asDouble(), 1e-12);
    assertTrue(clip.path("input").get(0).isNull(), "the first frame has no E_t");
    JsonNode preview = report.path("preview");
    assertEquals("clip", preview.path("recording_id").asText());
    assertEquals(15, preview.path("first_frame_index").asInt(), "from the middle segment of three");
    assertEquals(30, preview.path("frames").asInt(), "the middle and the last segment");
    assertEquals(2 * StylizedSamples.PREVIEW_PANE_WIDTH, preview.path("width").asInt());
    assertWrittenBeforeSuccess(stylizeOut);
  }

  @Test
  void withoutVideoTheStylizedFramesComeFromThePngFiles() throws Exception {
    Path out = dir.resolve("frames-only");
    StylizeJob.run(
        StylizeConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    inputs.get(0),
                    "--output",
                    out.toString(),
                    "--segment-seconds",
                    "0.5",
                    "--video",
                    "false",
                    "--write-frames",
                    "true",
                    "--model",
                    TestModels.file("mosaic.onnx").toString()))),
        spark);
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    JsonNode rows = report.path("contact_sheet").path("rows");
    assertEquals(ContactSheet.FRAMES, rows.size());
    for (JsonNode row : rows) {
      assertEquals(
          String.format("stylized/clip/frames/%08d.png", row.path("frame_index").asLong()),
          row.path("images").path("stylized").asText());
    }
    assertEquals(30, report.path("preview").path("frames").asInt());
    assertEquals(List.of("probe", "stylize"), names(report.path("stages")), "no video, no join");
  }

  @Test
  void datasetReportRendersInChromium() throws Exception {
    String text = render(datasetOut, "dataset-report.png", ContactSheet.FRAMES * 2);
    assertTrue(text.contains("the file is empty"), "the probe error's reason");
    assertTrue(text.contains("does not exist"), "the input error's reason");
  }

  @Test
  void stylizeReportRendersInChromiumWithALoopingPreview() throws Exception {
    String text = render(stylizeOut, "stylize-report.png", ContactSheet.FRAMES * 2 + 1);
    assertTrue(text.contains("E_warp input"), text);

    List<BufferedImage> frames = new ArrayList<>();
    boolean loops = readGif(previewBytes(stylizeOut), frames);
    assertTrue(loops, "the preview loops");
    assertEquals(30, frames.size());
    BufferedImage first = frames.get(0);
    assertEquals(320, first.getWidth());
    assertEquals(96, first.getHeight(), "160 px panes of the 160x96 frames");
    assertTrue(meanDifference(first, 0, 160, first.getHeight()) > 20, "the right half is stylized");
  }

  /** Opens the report, checks it loads whole, saves a screenshot and returns the page's text. */
  private static String render(Path out, String screenshot, int images) throws Exception {
    chromium.open(out.resolve("report.html").toUri());
    Path shot = chromium.screenshot(Path.of("target", "report-screenshots", screenshot));
    assertEquals(List.of(), chromium.problems());
    assertEquals(List.of(), chromium.brokenImages());
    assertEquals(images, chromium.evaluate("document.images.length").asInt());
    assertEquals(
        2,
        chromium.evaluate("document.querySelectorAll('svg.bars').length").asInt(),
        "frames/s per stage and per executor");
    assertEquals(
        0,
        chromium
            .evaluate(
                "Array.from(document.querySelectorAll('[src],[href]')).filter(e => !(e.getAttribute('src') || '')"
                    + ".startsWith('data:')).length")
            .asInt(),
        "nothing but data URIs");
    assertTrue(
        ImageIO.read(shot.toFile()).getHeight() > 900, "the whole page, beyond the viewport");
    return chromium.evaluate("document.body.innerText").asText();
  }

  private static void assertExecutors(JsonNode report, String stage, int tasks, long frames) {
    int taskSum = 0;
    long frameSum = 0;
    for (JsonNode executor : report.path("executors")) {
      if (executor.path("stage").asText().equals(stage)) {
        assertEquals(
            "driver", executor.path("executor_id").asText(), "local mode runs tasks on the driver");
        assertFalse(executor.path("host").asText().isEmpty());
        taskSum += executor.path("tasks").asInt();
        frameSum += executor.path("frames").asLong();
        assertTrue(executor.path("frames_per_second").asDouble() > 0, executor.toString());
      }
    }
    assertEquals(tasks, taskSum);
    assertEquals(frames, frameSum);
  }

  private static void assertErrorsListed(JsonNode report, int count) {
    assertEquals(2, count, "the empty file and the missing path");
    assertEquals(count, report.path("errors").size());
    List<String> errors = new ArrayList<>();
    report
        .path("errors")
        .forEach(
            e ->
                errors.add(
                    e.path("stage").asText()
                        + " "
                        + Path.of(e.path("source").asText().replaceFirst("^file:", ""))
                            .getFileName()
                        + ": "
                        + e.path("reason").asText()));
    assertTrue(
        errors.stream().anyMatch(e -> e.startsWith("probe empty.mp4: the file is empty")),
        errors.toString());
    assertTrue(
        errors.stream()
            .anyMatch(e -> e.startsWith("input missing.mp4: ") && e.contains("does not exist")),
        errors.toString());
  }

  /** report.json and report.html are complete before _SUCCESS. */
  private static void assertWrittenBeforeSuccess(Path out) throws Exception {
    long success = Files.getLastModifiedTime(out.resolve("_SUCCESS")).toMillis();
    for (String name : List.of("report.json", "report.html")) {
      assertTrue(Files.getLastModifiedTime(out.resolve(name)).toMillis() <= success, name);
    }
  }

  private static byte[] previewBytes(Path out) throws Exception {
    Matcher gif =
        Pattern.compile("data:image/gif;base64,([A-Za-z0-9+/=]+)")
            .matcher(Files.readString(out.resolve("report.html")));
    assertTrue(gif.find(), "a GIF in the page");
    return Base64.getDecoder().decode(gif.group(1));
  }

  /** Decodes every frame of a GIF; returns whether it carries the NETSCAPE2.0 loop extension. */
  private static boolean readGif(byte[] gif, List<BufferedImage> frames) throws Exception {
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      reader.setInput(in);
      int count = reader.getNumImages(true);
      for (int i = 0; i < count; i++) {
        frames.add(reader.read(i));
      }
      IIOMetadataNode root =
          (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      return root.getElementsByTagName("ApplicationExtension").getLength() == 1
          && ((IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0))
              .getAttribute("applicationID")
              .equals("NETSCAPE");
    } finally {
      reader.dispose();
    }
  }

  /** Mean absolute difference of the left pane and the right pane, over RGB. */
  private static double meanDifference(BufferedImage image, int left, int right, int height) {
    long sum = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < right - left; x++) {
        int a = image.getRGB(left + x, y);
        int b = image.getRGB(right + x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
      }
    }
    return sum / (3.0 * height * (right - left));
  }

  private static OptionMap options(Path out, String... options) {
    List<String> args = new ArrayList<>();
    for (String input : inputs) {
      args.addAll(List.of("--input", input));
    }
    args.addAll(List.of("--output", out.toString()));
    args.addAll(List.of(options));
    return OptionMap.fromArgs(args);
  }

  private static List<String> names(JsonNode stages) {
    List<String> names = new ArrayList<>();
    stages.forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(s -> strings.add(s.asText()));
    return strings;
  }
}
