package org.stylepipe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.output.FileStore;

class StudentLossTest {
  @TempDir Path dir;

  @Test
  void temporalTermIsZeroForAnOutputThatMovesWithTheInputAndGrowsWithFlicker() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir, 2, 40, 32, true);
    PairData data =
        new PairReader(new FileStore(new Configuration()), 1 << 20).read(pairs.get(0), true);
    TrainingBatch batch = TrainingBatch.of(List.of(PairCrop.of(data, 4, 4, 32, 24)));
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      StudentLoss.Inputs in = StudentLoss.Inputs.of(batch, manager, Device.cpu());
      StudentLoss loss = new StudentLoss(2f, false);
      // The teacher's outputs move with the input: no temporal loss, and no pixel loss against
      // themselves.
      StudentLoss.Terms exact = loss.of(in.previousTarget(), in.target(), in);
      assertEquals(0f, exact.pixel().getFloat());
      assertEquals(0f, exact.temporal().getFloat(), 1e-6f);

      // Independent noise of σ (0..255 scale) on frame t adds about σ² (0..1 scale) per channel.
      NDArray noisy =
          in.target().add(manager.randomNormal(0f, 8f, new Shape(1, 3, 24, 32), DataType.FLOAT32));
      StudentLoss.Terms flicker = loss.of(in.previousTarget(), noisy, in);
      double expected = Math.pow(8 / 255.0, 2);
      assertEquals(expected, flicker.temporal().getFloat(), 0.25 * expected);
      assertEquals(expected / 2, flicker.pixel().getFloat(), 0.25 * expected);
      assertEquals(
          flicker.pixel().getFloat() + 2 * flicker.temporal().getFloat(),
          flicker.total().getFloat(),
          1e-6);
    }
  }

  @Test
  void theLuminanceTermAllowsTheInputsBrightening() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir, 2, 40, 32, true);
    PairData moving =
        new PairReader(new FileStore(new Configuration()), 1 << 20).read(pairs.get(0), true);
    // Frame t 20 levels brighter than frame t-1 moved, and the output likewise.
    byte[] brighter = moving.current().bgr().clone();
    for (int i = 0; i < brighter.length; i++) {
      brighter[i] = (byte) Math.min(255, (brighter[i] & 0xff) + 20);
    }
    BgrImage lit = new BgrImage(40, 32, brighter);
    PairData data =
        new PairData(
            moving.previous(),
            lit,
            moving.previous(),
            lit,
            moving.toPrevious(),
            moving.fromPrevious());
    TrainingBatch batch = TrainingBatch.of(List.of(PairCrop.of(data, 4, 4, 32, 24)));
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      StudentLoss.Inputs in = StudentLoss.Inputs.of(batch, manager, Device.cpu());
      float without =
          new StudentLoss(1f, false).of(in.previous(), in.current(), in).temporal().getFloat();
      float with =
          new StudentLoss(1f, true).of(in.previous(), in.current(), in).temporal().getFloat();
      assertTrue(without > 0.005, "brightening counts as flicker without the term: " + without);
      assertTrue(with < 0.1 * without, "and much less with it: " + with + " vs " + without);
    }
  }
}
