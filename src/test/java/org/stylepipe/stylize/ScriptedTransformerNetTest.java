package org.stylepipe.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * TorchScript models of TransformerNet's {@code state_dict}, made by {@code
 * scripted/make_scripted_nets.py}: a TransformerNet, which runs as blocks giving its frames, and
 * one that negates its output, which stays a script.
 */
class ScriptedTransformerNetTest {
  private static final ModelSpec SPEC = ModelSpec.defaults(ModelFormat.TORCHSCRIPT);

  @Test
  void aScriptedTransformerNetRunsAsBlocksWithItsFrames() throws Exception {
    int width = 96;
    int height = 60;
    FrameBatch batch = FrameBatch.of(width, height, List.of(TestFrames.scene(width, height, 3)));
    try (ZooModel<FrameBatch, FrameBatch> script = script("transformer_net.pt")) {
      Optional<ZooModel<FrameBatch, FrameBatch>> blocks =
          ScriptedTransformerNet.asBlocks(script, SPEC, "transformer_net.pt");
      assertTrue(blocks.isPresent(), "a TransformerNet in TorchScript runs as blocks");
      try (ZooModel<FrameBatch, FrameBatch> net = blocks.get()) {
        byte[] expected = stylize(script, batch);
        byte[] actual = stylize(net, batch);
        int largest = 0;
        int spread = 0;
        for (int i = 0; i < expected.length; i++) {
          largest = Math.max(largest, Math.abs((expected[i] & 0xff) - (actual[i] & 0xff)));
          spread = Math.max(spread, Math.abs((expected[i] & 0xff) - (expected[0] & 0xff)));
        }
        assertTrue(largest <= 1, "blocks differ from the script by " + largest + " levels");
        assertTrue(spread > 50, "the test model's frames are not flat: spread " + spread);
      }
    }
  }

  @Test
  void aScriptWithTransformerNetWeightsButOtherFramesStaysAScript() throws Exception {
    try (ZooModel<FrameBatch, FrameBatch> script = script("negated_net.pt")) {
      assertEquals(
          Optional.empty(), ScriptedTransformerNet.asBlocks(script, SPEC, "negated_net.pt"));
    }
  }

  private static ZooModel<FrameBatch, FrameBatch> script(String name) throws Exception {
    Path file = Path.of(ScriptedTransformerNetTest.class.getResource("scripted/" + name).toURI());
    return Criteria.builder()
        .setTypes(FrameBatch.class, FrameBatch.class)
        .optModelPath(file)
        .optEngine("PyTorch")
        .optTranslator(new StyleTranslator(SPEC, DataType.FLOAT32, true))
        .build()
        .loadModel();
  }

  private static byte[] stylize(ZooModel<FrameBatch, FrameBatch> model, FrameBatch batch)
      throws Exception {
    try (Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      return predictor.predict(batch).frames().get(0);
    }
  }
}
