package org.stylepipe.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and cuts the training batches of steps {@code from} to {@code to} (exclusive) on a thread
 * of its own, {@value #CAPACITY} batches ahead of training, so that decoding images and computing
 * occlusion masks overlap the network's work. The consumer takes one batch per step.
 */
final class BatchFeed implements AutoCloseable {
  static final int CAPACITY = 2;

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;

  BatchFeed(BatchSampler sampler, PairReader reader, int crop, boolean withFlow, int from, int to) {
    thread =
        new Thread(
            () -> {
              try {
                for (int step = from; step < to; step++) {
                  queue.put(batch(sampler.picks(step), reader, crop, withFlow));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IOException | RuntimeException e) {
                queue.offer(e);
              }
            },
            "stylepipe-train-batches");
    thread.setDaemon(true);
    thread.start();
  }

  /** The next step's batch; rethrows what stopped the reader. */
  TrainingBatch take() throws IOException, InterruptedException {
    Object item = queue.take();
    if (item instanceof IOException e) {
      throw e;
    }
    if (item instanceof RuntimeException e) {
      throw e;
    }
    return (TrainingBatch) item;
  }

  /** One step's batch: a crop of {@code crop} (or the frame, if smaller) per pick. */
  static TrainingBatch batch(
      List<BatchSampler.Pick> picks, PairReader reader, int crop, boolean withFlow)
      throws IOException {
    List<PairCrop> crops = new ArrayList<>(picks.size());
    for (BatchSampler.Pick pick : picks) {
      PairData data = reader.read(pick.pair(), withFlow);
      int width = multipleOf4(Math.min(crop, data.width()));
      int height = multipleOf4(Math.min(crop, data.height()));
      int[] origin = pick.origin(data.width(), data.height(), width, height);
      crops.add(PairCrop.of(data, origin[0], origin[1], width, height));
    }
    return TrainingBatch.of(crops);
  }

  /** The network's output is padded to a multiple of 4; crops are cut to one. */
  static int multipleOf4(int size) {
    return size - size % 4;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
