package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.train.InitialWeights;

/**
 * The exported ONNX model, run by ONNX Runtime, against the DJL-block network with the same weights
 * on the PyTorch engine, on raw float outputs (bound as in {@link TransformerNetTest}).
 */
class OnnxExportTest {
  private static final float MAX_DIFF = 0.05f;

  @TempDir Path dir;

  @Test
  void aStudentRunsTheSameInOnnxRuntime() throws Exception {
    Map<String, NpyArray> weights = InitialWeights.of(new NetShape(8, 16, 32, 3), 5);
    assertSame(weights, 98, 66);
  }

  @Test
  void theMosaicWeightsExportToWhatTheMosaicOnnxFixtureComputes() throws Exception {
    Map<String, NpyArray> mosaic = NpzReader.read(TestModels.file("mosaic.npz"));
    Path exported = export(mosaic);
    Tensor input = Tensor.ofFrame(TestFrames.scene(96, 64, 3), 96, 64);
    try (ZooModel<Tensor, Tensor> ours = Tensor.load(exported, "OnnxRuntime");
        ZooModel<Tensor, Tensor> fixture =
            Tensor.load(TestModels.file("mosaic.onnx"), "OnnxRuntime")) {
      float diff = Tensor.maxAbsDiff(Tensor.forward(fixture, input), Tensor.forward(ours, input));
      assertTrue(diff < MAX_DIFF, "max abs diff " + diff);
    }
  }

  @Test
  void varintsTakeSevenBitsPerByteLowFirst() {
    assertArrayEquals(new byte[] {0x08, 0x01}, new ProtoWriter().varint(1, 1).toByteArray());
    assertArrayEquals(
        new byte[] {0x10, (byte) 0xac, 0x02}, new ProtoWriter().varint(2, 300).toByteArray());
    assertEquals(11, new ProtoWriter().varint(1, -1).toByteArray().length);
    assertArrayEquals(
        new byte[] {0x22, 0x02, 'h', 'i'}, new ProtoWriter().string(4, "hi").toByteArray());
  }

  private void assertSame(Map<String, NpyArray> weights, int width, int height) throws Exception {
    Path onnx = export(weights);
    TransformerNet net = new TransformerNet(NetShape.of(weights, "student"));
    try (Model blocks = Model.newInstance("student", Device.cpu(), "PyTorch");
        ZooModel<Tensor, Tensor> ort = Tensor.load(onnx, "OnnxRuntime")) {
      blocks.setBlock(net.block());
      net.setWeights(blocks.getNDManager(), weights, DataType.FLOAT32, "student");
      Tensor input = Tensor.ofFrame(TestFrames.scene(width, height, 2), width, height);
      Tensor expected = Tensor.forward(blocks, input);
      Tensor actual = Tensor.forward(ort, input);
      assertArrayEquals(expected.shape(), actual.shape());
      float diff = Tensor.maxAbsDiff(expected, actual);
      assertTrue(diff < MAX_DIFF, "max abs diff " + diff);
    }
  }

  private Path export(Map<String, NpyArray> weights) throws Exception {
    Path file = dir.resolve("model-" + weights.size() + ".onnx");
    Files.write(file, OnnxExport.of(weights, "test"));
    return file;
  }
}
