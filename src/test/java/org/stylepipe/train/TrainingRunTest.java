package org.stylepipe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.TrainSettings;
import org.stylepipe.output.FileStore;
import org.stylepipe.stylize.NetShape;
import org.stylepipe.stylize.NpyArray;

class TrainingRunTest {
  private static final NetShape SHAPE = new NetShape(4, 8, 8, 1);

  @TempDir Path dir;

  private final FileStore store = new FileStore(new Configuration());

  private static TrainSettings settings(int steps, float learningRate) {
    return new TrainSettings(SHAPE, steps, 2, 32, learningRate, 0.5f, true, 3, 5, 10);
  }

  @Test
  void theLossFallsAndTheRunIsRepeatable() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir.resolve("scene"), 6, 48, 40, true);
    TrainSettings settings = settings(30, 0.01f);
    TrainingResult first = run(settings, pairs, "first.npz", 30);
    float[] pixel = first.history().term(1);
    assertEquals(30, pixel.length);
    double start = (pixel[0] + pixel[1] + pixel[2]) / 3;
    double end = (pixel[27] + pixel[28] + pixel[29]) / 3;
    assertTrue(end < 0.75 * start, "pixel loss from " + start + " to " + end);
    assertEquals(0, first.history().skippedCount());
    assertEquals(3, first.history().validations().size()); // at steps 10, 20 and 30

    TrainingResult again = run(settings, pairs, "again.npz", 30);
    assertArrayEquals(pixel, again.history().term(1), "same seed, same losses");
  }

  @Test
  void aRunStoppedAfterACheckpointResumesToTheSameStudent() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir.resolve("scene"), 6, 48, 40, true);
    TrainSettings settings = settings(20, 0.01f);
    TrainingResult straight = run(settings, pairs, "straight.npz", 20);

    TrainingResult stopped = run(settings, pairs, "resumed.npz", 10);
    assertEquals(10, stopped.history().size());
    TrainingResult resumed = run(settings, pairs, "resumed.npz", 20);
    assertEquals(10, resumed.resumedAt());
    float[] expected = straight.history().term(0);
    float[] actual = resumed.history().term(0);
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * Math.abs(expected[i]), "loss of step " + (i + 1));
    }
    for (String name : straight.weights().keySet()) {
      float[] a = straight.weights().get(name).data();
      float[] b = resumed.weights().get(name).data();
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-4 * (1 + Math.abs(a[i])), name);
      }
    }
    // A finished run resumes to the end at once.
    assertEquals(20, run(settings, pairs, "resumed.npz", 20).resumedAt());
  }

  @Test
  void aDivergingRunSkipsNonFiniteStepsThenStopsWithItsCheckpointIntact() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir.resolve("scene"), 4, 48, 40, true);
    TrainSettings settings = settings(40, 1e12f);
    String checkpoint = dir.resolve("diverged.npz").toUri().toString();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TrainingRun(settings, Device.cpu(), 1, store, checkpoint)
                    .run(pairs, List.of(), true));
    assertTrue(e.getMessage().contains("non-finite loss or gradient"), e.getMessage());
    assertTrue(e.getMessage().contains("--learning-rate"), e.getMessage());
    Checkpoint saved = Checkpoint.read(checkpoint, store);
    assertTrue(saved != null && saved.step() % 5 == 0, "the last checkpoint stays");
    int skipped = saved.history().skippedCount();
    assertEquals(saved.step() - saved.adamUpdates(), skipped);
    for (NpyArray weight : saved.weights().values()) {
      for (float v : weight.data()) {
        assertTrue(Float.isFinite(v), "a skipped step leaves the weights finite");
      }
    }
  }

  @Test
  void withoutFlowTheTemporalTermIsZero() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir.resolve("scene"), 4, 48, 40, false);
    TrainingResult result = run(settings(4, 0.01f), pairs, "noflow.npz", 4);
    for (float temporal : result.history().term(2)) {
      assertEquals(0f, temporal);
    }
  }

  private TrainingResult run(TrainSettings settings, List<FramePair> pairs, String name, int until)
      throws Exception {
    boolean withFlow = pairs.get(0).hasFlow();
    return new TrainingRun(settings, Device.cpu(), 1, store, dir.resolve(name).toUri().toString())
        .run(
            pairs.subList(0, pairs.size() - 1),
            pairs.subList(pairs.size() - 1, pairs.size()),
            withFlow,
            until);
  }
}
