package org.stylepipe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetConfigTest {
  @TempDir Path dir;

  private static DatasetConfig parse(String... extra) {
    List<String> args = new ArrayList<>(List.of("--input", "a.mp4", "--output", "out"));
    args.addAll(List.of(extra));
    return DatasetConfig.from(OptionMap.fromArgs(args));
  }

  private static String error(String... extra) {
    return assertThrows(IllegalArgumentException.class, () -> parse(extra)).getMessage();
  }

  @Test
  void defaultsFollowTheSeedWorkflow() {
    DatasetConfig config = parse();
    assertEquals(10_000_000, config.segmentMicros());
    assertEquals(640, config.frames().width());
    assertEquals(480, config.frames().height());
    assertEquals(ResizeMode.STRETCH, config.frames().resizeMode());
    assertTrue(config.frames().mirror());
    assertEquals(ImageFormat.PNG, config.frames().format());
    assertEquals(Sampling.all(), config.frames().sampling());
  }

  @Test
  void everyOptionIsRead() {
    DatasetConfig config =
        parse("--input", "b.mkv", "--segment-seconds", "2.5", "--sample", "every:5", "--size", "320x240",
            "--resize", "CROP", "--mirror", "false", "--format", "jpeg", "--jpeg-quality", "80",
            "--decoder-threads", "0");
    assertEquals(List.of("a.mp4", "b.mkv"), config.inputs());
    assertEquals(2_500_000, config.segmentMicros());
    assertEquals(Sampling.everyNth(5), config.frames().sampling());
    assertEquals(320, config.frames().width());
    assertEquals(ResizeMode.CROP, config.frames().resizeMode());
    assertFalse(config.frames().mirror());
    assertEquals(ImageFormat.JPEG, config.frames().format());
    assertEquals(80, config.frames().jpegQuality());
  }

  @Test
  void badValuesNameTheOption() {
    assertTrue(error("--size", "640").contains("--size 640"));
    assertTrue(error("--size", "0x480").contains("--size"));
    assertTrue(error("--segment-seconds", "0").contains("--segment-seconds"));
    assertTrue(error("--segment-seconds", "0.01").contains("at least 0.1"));
    assertTrue(error("--resize", "zoom").contains("[stretch, fit, crop]"));
    assertTrue(error("--mirror", "maybe").contains("--mirror maybe"));
    assertTrue(error("--jpeg-quality", "101").contains("--jpeg-quality"));
    assertTrue(error("--format", "gif").contains("--format gif"));
    assertTrue(error("--size", "64x64", "--size", "32x32").contains("more than once"));
  }

  @Test
  void unknownOptionsAndMissingRequiredOnesAreErrors() {
    assertTrue(error("--colour", "red").contains("[colour]"));
    assertTrue(
        assertThrows(IllegalArgumentException.class,
                () -> DatasetConfig.from(OptionMap.fromArgs(List.of("--output", "o"))))
            .getMessage().contains("--input"));
    assertTrue(
        assertThrows(IllegalArgumentException.class,
                () -> DatasetConfig.from(OptionMap.fromArgs(List.of("--input", "i"))))
            .getMessage().contains("--output"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OptionMap.fromArgs(List.of("--input")))
            .getMessage().contains("needs a value"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OptionMap.fromArgs(List.of("input.mp4")))
            .getMessage().contains("input.mp4"));
  }

  @Test
  void commandLineOverridesTheOptionsFile() throws Exception {
    Path file = Files.writeString(dir.resolve("defaults.properties"), "size=320x240\nmirror=false\n");
    OptionMap options =
        OptionMap.fromFile(file)
            .overriddenBy(OptionMap.fromArgs(List.of("--input", "x", "--output", "y", "--size", "64x48")));
    DatasetConfig config = DatasetConfig.from(options);
    assertEquals(64, config.frames().width());
    assertFalse(config.frames().mirror());
  }

  @Test
  void theShippedDefaultsFileMatchesTheBuiltInDefaults() {
    OptionMap file = OptionMap.fromFile(Path.of("conf/stylepipe.properties"));
    DatasetConfig fromFile =
        DatasetConfig.from(file.overriddenBy(OptionMap.fromArgs(List.of("--input", "a.mp4", "--output", "out"))));
    assertEquals(parse().toString(), fromFile.toString());
  }
}
