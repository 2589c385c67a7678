package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stylepipe.config.EngineMode;

class EngineChoiceTest {
  @Test
  void autoRunsEveryFormatAsItIs() {
    for (EngineChoice auto :
        new EngineChoice[] {new EngineChoice(EngineMode.AUTO), EngineChoice.BY_FORMAT}) {
      assertEquals(ModelFormat.NPZ, auto.runAs(ModelFormat.NPZ, "m.npz"));
      assertEquals(ModelFormat.TORCHSCRIPT, auto.runAs(ModelFormat.TORCHSCRIPT, "m.pt"));
      assertEquals(ModelFormat.ONNX, auto.runAs(ModelFormat.ONNX, "m.onnx"));
    }
  }

  @Test
  void anEngineNamedRunsWhatItCan() {
    EngineChoice pytorch = new EngineChoice(EngineMode.PYTORCH);
    EngineChoice onnxRuntime = new EngineChoice(EngineMode.ONNXRUNTIME);
    assertEquals(ModelFormat.NPZ, pytorch.runAs(ModelFormat.NPZ, "m.npz"));
    assertEquals(ModelFormat.TORCHSCRIPT, pytorch.runAs(ModelFormat.TORCHSCRIPT, "m.pt"));
    assertEquals(ModelFormat.ONNX, onnxRuntime.runAs(ModelFormat.NPZ, "m.npz"));
    assertEquals(ModelFormat.ONNX, onnxRuntime.runAs(ModelFormat.ONNX, "m.onnx"));
  }

  @Test
  void anEngineThatCannotRunTheModelIsRefusedNamingTheModelAndTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EngineChoice(EngineMode.ONNXRUNTIME)
                    .runAs(ModelFormat.TORCHSCRIPT, "s3a://m/mosaic.pt"));
    assertEquals(
        "Cannot run model s3a://m/mosaic.pt on --engine onnxruntime: it is a TorchScript model,"
            + " which only the PyTorch engine runs; use --engine pytorch, or auto",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EngineChoice(EngineMode.PYTORCH).runAs(ModelFormat.ONNX, "mosaic.onnx"));
    assertEquals(
        "Cannot run model mosaic.onnx on --engine pytorch: it is an ONNX model, which only ONNX"
            + " Runtime runs; use --engine onnxruntime, or auto",
        e.getMessage());
  }
}
