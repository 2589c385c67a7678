package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.stylepipe.config.DeviceMode;

/**
 * The device a task runs on follows the GPU Spark assigned to it and whether the engine sees CUDA.
 */
class DeviceChoiceTest {
  private static final IntSupplier NO_CUDA = () -> 0;
  private static final IntSupplier TWO_GPUS = () -> 2;
  private static final IntSupplier NOT_ASKED =
      () -> {
        throw new AssertionError("CUDA was queried although no GPU is wanted");
      };

  @Test
  void followsTheAssignedAddress() {
    assertEquals(
        new DeviceChoice("gpu:1", "1"),
        DeviceChoice.select(DeviceMode.AUTO, List.of("1"), TWO_GPUS, false));
    assertEquals(
        new DeviceChoice("gpu:0", "0"),
        DeviceChoice.select(DeviceMode.GPU, List.of("0"), TWO_GPUS, false));
    assertEquals(
        new DeviceChoice("cpu", "1"),
        DeviceChoice.select(DeviceMode.CPU, List.of("1"), NOT_ASKED, false));
  }

  @Test
  void withoutAnAssignedGpu() {
    assertEquals(
        new DeviceChoice("cpu", null),
        DeviceChoice.select(DeviceMode.AUTO, List.of(), NOT_ASKED, false));
    assertEquals(
        new DeviceChoice("gpu:0", null),
        DeviceChoice.select(DeviceMode.GPU, List.of(), TWO_GPUS, false));
    assertEquals(
        new DeviceChoice("cpu", null),
        DeviceChoice.select(DeviceMode.GPU, List.of(), NO_CUDA, true));
    assertFails(
        "Cannot run the model on a GPU (--device gpu)",
        () -> DeviceChoice.select(DeviceMode.GPU, List.of(), NO_CUDA, false));
  }

  @Test
  void anAssignedGpuWithoutCudaIsAnErrorUnlessFallingBack() {
    assertFails(
        "Cannot run the model on GPU 1 that Spark assigned to this task: the engine sees no CUDA device",
        () -> DeviceChoice.select(DeviceMode.AUTO, List.of("1"), NO_CUDA, false));
    assertEquals(
        new DeviceChoice("cpu", "1"),
        DeviceChoice.select(DeviceMode.AUTO, List.of("1"), NO_CUDA, true));
  }

  @Test
  void badAddresses() {
    assertFails(
        "the engine sees only 2 CUDA device(s)",
        () -> DeviceChoice.select(DeviceMode.AUTO, List.of("2"), TWO_GPUS, true));
    assertFails(
        "Cannot use GPU address 'GPU-8f3c' that Spark assigned",
        () -> DeviceChoice.select(DeviceMode.AUTO, List.of("GPU-8f3c"), TWO_GPUS, false));
  }

  private static void assertFails(String message, Runnable select) {
    IllegalStateException e = assertThrows(IllegalStateException.class, select::run);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
