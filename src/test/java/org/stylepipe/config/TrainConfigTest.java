package org.stylepipe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stylepipe.stylize.NetShape;

class TrainConfigTest {
  private static TrainConfig config(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("--dataset", "d", "--teacher", "t.onnx", "--output", "o"));
    args.addAll(List.of(extra));
    return TrainConfig.from(OptionMap.fromArgs(args));
  }

  @Test
  void defaultsMakeASmallStudentWithTheTemporalLoss() {
    TrainConfig config = config();
    assertEquals(new NetShape(16, 32, 64, 3), config.settings().shape());
    assertTrue(config.settings().temporalWeight() > 0);
    assertEquals(0.2, config.holdOut());
    assertEquals(
        new NetShape(8, 16, 32, 2),
        config("--widths", "8-16-32", "--residual-blocks", "2").settings().shape());
    assertEquals(0f, config("--temporal-weight", "0").settings().temporalWeight());
  }

  @Test
  void badValuesNameTheirOption() {
    assertMessage("--widths 8,16: expected three channel counts", "--widths", "8,16");
    assertMessage(
        "--temporal-weight -1: expected a number of 0 or more", "--temporal-weight", "-1");
    assertMessage("--hold-out 1.0: expected a fraction", "--hold-out", "1");
    assertMessage("--learning-rate 0: expected a number greater than 0", "--learning-rate", "0");
    assertMessage("Cannot use options [epochs]", "--epochs", "3");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainConfig.from(OptionMap.fromArgs(List.of("--dataset", "d", "--output", "o"))));
    assertTrue(e.getMessage().contains("--teacher"), e.getMessage());
  }

  @Test
  void theLearningRateDecaysAlongACosineToATenth() {
    TrainSettings s = config("--steps", "101", "--learning-rate", "0.01").settings();
    assertEquals(0.01f, s.learningRate(0), 1e-7);
    assertEquals(0.0055f, s.learningRate(50), 1e-6);
    assertEquals(0.001f, s.learningRate(100), 1e-7);
  }

  @Test
  void theDeviceThreadsAndStepsDoNotShapeTheStudent() {
    assertEquals(
        config("--device", "cpu", "--threads", "2").shapingOptions(),
        config("--device", "gpu", "--threads", "1").shapingOptions());
    // A finished run can be extended: more steps resume it.
    assertEquals(
        config("--steps", "500").shapingOptions(), config("--steps", "1000").shapingOptions());
    assertEquals(1000, config("--steps", "1000").options().get(TrainConfig.STEPS));
    assertTrue(
        !config("--seed", "2").shapingOptions().equals(config("--seed", "3").shapingOptions()));
  }

  private static void assertMessage(String expected, String... args) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
