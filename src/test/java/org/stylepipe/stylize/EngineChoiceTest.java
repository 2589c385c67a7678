package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stylepipe.config.EngineMode;

class EngineChoiceTest {
  private static final EngineChoice AUTO_CPU = new EngineChoice(EngineMode.AUTO, true);
  private static final EngineChoice AUTO_GPU = new EngineChoice(EngineMode.AUTO, false);

  @Test
  void autoRunsNpzOnOnnxRuntimeOnCpusOnlyAndEveryOtherFormatAsItIs() {
    assertEquals(ModelFormat.ONNX, AUTO_CPU.runAs(ModelFormat.NPZ, false, "m.npz"));
    assertEquals(ModelFormat.NPZ, AUTO_GPU.runAs(ModelFormat.NPZ, false, "m.npz"));
    assertEquals(ModelFormat.NPZ, AUTO_CPU.runAs(ModelFormat.NPZ, true, "m.npz"), "--half");
    for (EngineChoice auto : new EngineChoice[] {AUTO_CPU, AUTO_GPU, EngineChoice.BY_FORMAT}) {
      assertEquals(ModelFormat.TORCHSCRIPT, auto.runAs(ModelFormat.TORCHSCRIPT, false, "m.pt"));
      assertEquals(ModelFormat.ONNX, auto.runAs(ModelFormat.ONNX, false, "m.onnx"));
    }
    assertEquals(ModelFormat.NPZ, EngineChoice.BY_FORMAT.runAs(ModelFormat.NPZ, false, "m.npz"));
  }

  @Test
  void anEngineNamedRunsWhatItCanOnCpusAndGpusAlike() {
    for (boolean cpu : new boolean[] {true, false}) {
      EngineChoice pytorch = new EngineChoice(EngineMode.PYTORCH, cpu);
      EngineChoice onnxRuntime = new EngineChoice(EngineMode.ONNXRUNTIME, cpu);
      assertEquals(ModelFormat.NPZ, pytorch.runAs(ModelFormat.NPZ, false, "m.npz"));
      assertEquals(ModelFormat.TORCHSCRIPT, pytorch.runAs(ModelFormat.TORCHSCRIPT, false, "m.pt"));
      assertEquals(ModelFormat.ONNX, onnxRuntime.runAs(ModelFormat.NPZ, false, "m.npz"));
      assertEquals(ModelFormat.ONNX, onnxRuntime.runAs(ModelFormat.ONNX, false, "m.onnx"));
    }
  }

  @Test
  void anEngineThatCannotRunTheModelIsRefusedNamingTheModelAndTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EngineChoice(EngineMode.ONNXRUNTIME, true)
                    .runAs(ModelFormat.TORCHSCRIPT, false, "s3a://m/mosaic.pt"));
    assertEquals(
        "Cannot run model s3a://m/mosaic.pt on --engine onnxruntime: it is a TorchScript model,"
            + " which only the PyTorch engine runs; use --engine pytorch, or auto",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EngineChoice(EngineMode.PYTORCH, false)
                    .runAs(ModelFormat.ONNX, false, "mosaic.onnx"));
    assertEquals(
        "Cannot run model mosaic.onnx on --engine pytorch: it is an ONNX model, which only ONNX"
            + " Runtime runs; use --engine onnxruntime, or auto",
        e.getMessage());
  }
}
