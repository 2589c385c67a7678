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
import org.stylepipe.guides.FlowPreset;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.MaskSpec;
import org.stylepipe.guides.NoiseVariant;

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
        parse(
            "--input",
            "b.mkv",
            "--segment-seconds",
            "2.5",
            "--sample",
            "every:5",
            "--size",
            "320x240",
            "--resize",
            "CROP",
            "--mirror",
            "false",
            "--format",
            "jpeg",
            "--jpeg-quality",
            "80",
            "--decoder-threads",
            "0");
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
        assertThrows(
                IllegalArgumentException.class,
                () -> DatasetConfig.from(OptionMap.fromArgs(List.of("--output", "o"))))
            .getMessage()
            .contains("--input"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> DatasetConfig.from(OptionMap.fromArgs(List.of("--input", "i"))))
            .getMessage()
            .contains("--output"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OptionMap.fromArgs(List.of("--input")))
            .getMessage()
            .contains("needs a value"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OptionMap.fromArgs(List.of("input.mp4")))
            .getMessage()
            .contains("input.mp4"));
  }

  @Test
  void commandLineOverridesTheOptionsFile() throws Exception {
    Path file =
        Files.writeString(dir.resolve("defaults.properties"), "size=320x240\nmirror=false\n");
    OptionMap options =
        OptionMap.fromFile(file)
            .overriddenBy(
                OptionMap.fromArgs(List.of("--input", "x", "--output", "y", "--size", "64x48")));
    DatasetConfig config = DatasetConfig.from(options);
    assertEquals(64, config.frames().width());
    assertFalse(config.frames().mirror());
  }

  @Test
  void theShippedDefaultsFileMatchesTheBuiltInDefaults() {
    OptionMap file = OptionMap.fromFile(Path.of("conf/stylepipe.properties"));
    DatasetConfig fromFile =
        DatasetConfig.from(
            file.overriddenBy(OptionMap.fromArgs(List.of("--input", "a.mp4", "--output", "out"))));
    assertEquals(parse().toString(), fromFile.toString());
  }

  @Test
  void theFewShotLayoutReadsItsGuideOptions() {
    DatasetConfig config =
        parse(
            "--layout",
            "fewshot",
            "--mask",
            "chroma:00ff00:30",
            "--mask-erode",
            "2",
            "--flow-preset",
            "fast",
            "--noise",
            "r10_s15,r7.5_s5",
            "--noise-seed",
            "42",
            "--keyframes",
            "scene:0.4",
            "--key-reach",
            "all",
            "--keyframes-from",
            "painted",
            "--flow-files",
            "false");
    assertEquals(DatasetLayout.FEWSHOT, config.layout());
    GuideSettings guides = config.guides();
    assertEquals(MaskSpec.chroma(0x00ff00, 30).withMorphology(2, 0), guides.mask());
    assertEquals(FlowPreset.FAST, guides.flowPreset());
    assertEquals(List.of(new NoiseVariant(10, 15), new NoiseVariant(7.5f, 5)), guides.noise());
    assertEquals(List.of(10f, 7.5f), guides.radii());
    assertEquals(42, guides.seed());
    assertEquals("scene:0.4", guides.keyframes().toString());
    assertEquals(KeySpan.ALL, guides.keyReach());
    assertFalse(guides.flowFiles());
    assertEquals(1, guides.leadIn());
    assertEquals("painted", config.keyframesFrom());
    assertFalse(
        config.fingerprint().contains("painted"), "painted keyframes can be added by a rerun");
    assertTrue(config.fingerprint().contains("mask=chroma:00ff00:30"), config.fingerprint());
    assertEquals(
        100,
        parse("--layout", "fewshot", "--mask", "mog2").guides().leadIn(),
        "a background's history");
  }

  @Test
  void theFewShotDefaultsAreTheReferences() {
    GuideSettings guides = parse("--layout", "fewshot").guides();
    assertEquals(MaskSpec.full(), guides.mask());
    assertEquals(FlowPreset.MEDIUM, guides.flowPreset());
    assertEquals(NoiseVariant.DEFAULTS, guides.noise());
    assertEquals("every:100", guides.keyframes().toString());
    assertEquals(1, guides.keyReach());
    assertTrue(guides.flowFiles());
    assertEquals(null, parse().guides());
  }

  @Test
  void badGuideOptionsNameTheOption() {
    assertEquals(
        "Cannot use options [mask, noise] with --layout frames: guides are made for --layout fewshot only",
        error("--mask", "luma", "--noise", "r10_s10"));
    assertTrue(
        error("--layout", "fewshot", "--mask", "rainbow")
            .startsWith("Cannot use --mask rainbow: expected"));
    assertTrue(error("--layout", "fewshot", "--mask", "luma:300").contains("luma threshold 300"));
    assertTrue(
        error("--layout", "fewshot", "--keyframes", "list:0,5")
            .startsWith("Cannot use --keyframes list:0,5"));
    assertTrue(error("--layout", "fewshot", "--keyframes", "sometimes").contains("every:N"));
    assertTrue(error("--layout", "fewshot", "--noise", "r10").startsWith("Cannot use --noise r10"));
    assertTrue(
        error("--layout", "fewshot", "--key-reach", "0").startsWith("Cannot use --key-reach 0"));
    assertTrue(error("--layout", "fewshot", "--format", "jpeg").contains("reads PNG images"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    DatasetConfig.from(
                        OptionMap.fromArgs(
                            List.of(
                                "--input",
                                "a.mp4",
                                "--output",
                                "/data/my_train",
                                "--layout",
                                "fewshot"))))
            .getMessage()
            .contains("'_train'"));
    assertTrue(error("--layout", "grid").contains("expected one of [frames, fewshot]"));
  }
}
