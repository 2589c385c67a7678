package org.stylepipe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlickerConfigTest {
  private static FlickerConfig parse(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("--input", "a.mp4", "--input", "b/", "--stylized", "out", "--output", "out"));
    args.addAll(List.of(extra));
    return FlickerConfig.from(OptionMap.fromArgs(args));
  }

  private static void assertRejected(String message, String... args) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlickerConfig.from(OptionMap.fromArgs(List.of(args))));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void defaults() {
    FlickerConfig config = parse();
    assertEquals(List.of("a.mp4", "b/"), config.inputs());
    assertEquals("out", config.stylized());
    assertEquals("out", config.output());
    assertEquals(10_000_000, config.segmentMicros());
    assertEquals(2_500_000, parse("--segment-seconds", "2.5").segmentMicros());
  }

  @Test
  void rejectsBadValuesNamingTheOption() {
    assertRejected("Cannot run without option --input", "--stylized", "s", "--output", "o");
    assertRejected("Cannot run without option --stylized", "--input", "a.mp4", "--output", "o");
    assertRejected("Cannot run without option --output", "--input", "a.mp4", "--stylized", "s");
    assertRejected(
        "--segment-seconds 0.05: segments must be at least 0.1 s",
        "--input",
        "a.mp4",
        "--stylized",
        "s",
        "--output",
        "o",
        "--segment-seconds",
        "0.05");
    assertRejected(
        "[model]", "--input", "a.mp4", "--stylized", "s", "--output", "o", "--model", "m.onnx");
  }

  @Test
  void theStylizeJobMeasuresFlickerByDefaultWhereItWritesTheVideo() {
    List<String> stylize = List.of("--input", "a.mp4", "--output", "out", "--model", "m.onnx");
    assertTrue(StylizeConfig.from(OptionMap.fromArgs(stylize)).flicker());
    List<String> off = new ArrayList<>(stylize);
    off.addAll(List.of("--flicker", "false"));
    assertFalse(StylizeConfig.from(OptionMap.fromArgs(off)).flicker());
    List<String> noVideo = new ArrayList<>(stylize);
    noVideo.addAll(List.of("--video", "false", "--write-frames", "true"));
    assertFalse(StylizeConfig.from(OptionMap.fromArgs(noVideo)).flicker());
    List<String> bad = new ArrayList<>(stylize);
    bad.addAll(List.of("--flicker", "maybe"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StylizeConfig.from(OptionMap.fromArgs(bad)));
    assertEquals("Cannot use --flicker maybe: expected true or false", e.getMessage());
  }
}
