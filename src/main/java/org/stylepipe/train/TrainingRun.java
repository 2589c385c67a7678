package org.stylepipe.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.config.TrainSettings;
import org.stylepipe.output.FileStore;
import org.stylepipe.stylize.NetShape;
import org.stylepipe.stylize.NpyArray;

/**
 * Trains a student on pairs of consecutive frames and their teacher targets, without Spark: Adam on
 * the {@link StudentLoss}, batches from a {@link BatchFeed}, a checkpoint every so many steps (and
 * a resume from the last one), a validation on held-out pairs every so many steps, and a progress
 * line at most every {@value #PROGRESS_SECONDS} s.
 *
 * <p>A step whose loss or gradient is not finite is skipped (the weights and the optimizer are left
 * as they were), logged and counted in the history.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
  private static final int PROGRESS_SECONDS = 10;
  private static final int PROGRESS_WINDOW = 20;

  /** Skipped steps in a row after which the run is taken for diverged and stops. */
  static final int MAX_SKIPPED_IN_A_ROW = 20;

  /** Decoded images kept in memory between steps. */
  private static final long CACHE_BYTES = 1L << 30;

  private final TrainSettings settings;
  private final Device device;
  private final int threads;
  private final FileStore store;
  private final String checkpoint;

  /**
   * @param threads the engine's threads per operation on the CPU
   * @param checkpoint where the run's checkpoint is written and, if there, resumed from
   */
  public TrainingRun(
      TrainSettings settings, Device device, int threads, FileStore store, String checkpoint) {
    this.settings = settings;
    this.device = device;
    this.threads = threads;
    this.store = store;
    this.checkpoint = checkpoint;
  }

  /** The steps done by the checkpoint at {@code checkpoint}, or 0 if there is none. */
  public static int stepsDone(FileStore store, String checkpoint) throws IOException {
    Checkpoint saved = Checkpoint.read(checkpoint, store);
    return saved == null ? 0 : saved.step();
  }

  /**
   * Trains on {@code training}, validating on {@code validation} (may be empty); with {@code
   * withFlow} the temporal loss reads the pairs' flows. A checkpoint is resumed, also by a run of
   * more steps, which continues along its own learning-rate schedule.
   */
  public TrainingResult run(List<FramePair> training, List<FramePair> validation, boolean withFlow)
      throws IOException, InterruptedException {
    return run(training, validation, withFlow, settings.steps());
  }

  /**
   * As {@link #run(List, List, boolean)}, but stops after step {@code until} (at most the settings'
   * steps), as a run killed there would after its checkpoint: a later run resumes from it.
   */
  public TrainingResult run(
      List<FramePair> training, List<FramePair> validation, boolean withFlow, int until)
      throws IOException, InterruptedException {
    NetShape shape = settings.shape();
    // PyTorch keeps its thread count per calling thread; its library loads with the engine.
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
    StudentLoss loss = new StudentLoss(settings.temporalWeight(), settings.luminance());
    PairReader reader = new PairReader(store, CACHE_BYTES);
    try (Student student = new Student(shape, InitialWeights.of(shape, settings.seed()), device)) {
      Adam adam = new Adam(student.parameters(), student.manager());
      TrainingHistory history = new TrainingHistory();
      Checkpoint saved = Checkpoint.read(checkpoint, store);
      int start = 0;
      if (saved != null) {
        NetShape savedShape = NetShape.of(saved.weights(), checkpoint);
        if (!savedShape.equals(shape)) {
          throw new IllegalArgumentException(
              "Cannot resume from "
                  + checkpoint
                  + ": its student is "
                  + savedShape
                  + ", this run trains "
                  + shape);
        }
        if (saved.step() > until) {
          throw new IllegalArgumentException(
              "Cannot resume from "
                  + checkpoint
                  + ": it has "
                  + saved.step()
                  + " steps done, more than the "
                  + until
                  + " this run trains to");
        }
        student.setWeights(saved.weights());
        adam.restore(saved.means(), saved.variances(), saved.adamUpdates());
        history = saved.history();
        start = saved.step();
        LOG.info("Resuming training at step {} of {} from {}", start, settings.steps(), checkpoint);
      }
      long began = System.nanoTime();
      long lastProgress = began;
      BatchSampler sampler = new BatchSampler(training, settings.batchSize(), settings.seed());
      try (BatchFeed feed =
          new BatchFeed(sampler, reader, settings.crop(), withFlow, start, until)) {
        int skippedInARow = 0;
        for (int step = start; step < until; step++) {
          skippedInARow =
              step(student, adam, loss, feed.take(), step, history) ? 0 : skippedInARow + 1;
          if (skippedInARow == MAX_SKIPPED_IN_A_ROW) {
            throw new IllegalArgumentException(
                "Cannot train: "
                    + skippedInARow
                    + " steps in a row, up to step "
                    + (step + 1)
                    + ", had a non-finite loss or gradient (the training diverged); lower --"
                    + "learning-rate and start over with --overwrite true");
          }
          int done = step + 1;
          if (done % settings.validateEvery() == 0 || done == settings.steps()) {
            validate(student, loss, validation, reader, withFlow, done, history);
          }
          if (done % settings.checkpointEvery() == 0 || done == until) {
            new Checkpoint(
                    done,
                    adam.updates(),
                    student.weights(),
                    adam.means(),
                    adam.variances(),
                    history)
                .write(checkpoint, store);
          }
          long now = System.nanoTime();
          if (now - lastProgress > PROGRESS_SECONDS * 1_000_000_000L || done == until) {
            lastProgress = now;
            LOG.info(
                ProgressLine.of(
                    done,
                    settings.steps(),
                    history,
                    done - start,
                    (now - began) / 1e9,
                    PROGRESS_WINDOW));
          }
        }
      }
      return new TrainingResult(
          student.weights(), history, start, (System.nanoTime() - began) / 1e9);
    }
  }

  /** Runs one step; returns whether it updated the student (false: skipped). */
  private boolean step(
      Student student,
      Adam adam,
      StudentLoss loss,
      TrainingBatch batch,
      int step,
      TrainingHistory history) {
    try (NDManager manager = student.manager().newSubManager()) {
      StudentLoss.Inputs in = StudentLoss.Inputs.of(batch, manager, device);
      float[] terms;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        StudentLoss.Terms t = forward(student, loss, in, true);
        collector.backward(t.total());
        terms = new float[] {t.total().getFloat(), t.pixel().getFloat(), t.temporal().getFloat()};
      }
      if (Float.isFinite(terms[0]) && student.gradientsFinite()) {
        adam.update(student.parameters(), settings.learningRate(step));
        history.step(terms[0], terms[1], terms[2]);
        return true;
      } else {
        student.clearGradients();
        history.skipped();
        LOG.warn(
            "train: step {} skipped: non-finite {} (loss {}); {} skipped so far",
            step + 1,
            Float.isFinite(terms[0]) ? "gradient" : "loss",
            terms[0],
            history.skippedCount());
        return false;
      }
    }
  }

  /** Both frames of every pair through the student in one batch, and the loss. */
  private static StudentLoss.Terms forward(
      Student student, StudentLoss loss, StudentLoss.Inputs in, boolean training) {
    NDArray both = NDArrays.concat(new NDList(in.previous(), in.current()));
    NDList outputs = student.forward(both, training).split(2);
    return loss.of(outputs.get(0), outputs.get(1), in);
  }

  /** The mean loss terms over the validation pairs, whole frames, recorded in the history. */
  private void validate(
      Student student,
      StudentLoss loss,
      List<FramePair> validation,
      PairReader reader,
      boolean withFlow,
      int step,
      TrainingHistory history)
      throws IOException {
    if (validation.isEmpty()) {
      return;
    }
    double[] sums = new double[3];
    for (FramePair pair : validation) {
      PairData data = reader.read(pair, withFlow);
      TrainingBatch batch =
          TrainingBatch.of(
              List.of(
                  PairCrop.of(
                      data,
                      0,
                      0,
                      BatchFeed.multipleOf4(data.width()),
                      BatchFeed.multipleOf4(data.height()))));
      try (NDManager manager = student.manager().newSubManager()) {
        StudentLoss.Terms t =
            forward(student, loss, StudentLoss.Inputs.of(batch, manager, device), false);
        sums[0] += t.total().getFloat();
        sums[1] += t.pixel().getFloat();
        sums[2] += t.temporal().getFloat();
      }
    }
    int n = validation.size();
    TrainingHistory.Validation v =
        new TrainingHistory.Validation(
            step, (float) (sums[0] / n), (float) (sums[1] / n), (float) (sums[2] / n));
    history.validation(v);
    LOG.info(
        "train: validation at step {}: loss {} (pixel {}, temporal {}), PSNR {} dB on {} held-out pairs",
        step,
        String.format("%.5f", v.total()),
        String.format("%.5f", v.pixel()),
        String.format("%.5f", v.temporal()),
        String.format("%.2f", v.psnr()),
        n);
  }

  /** The initial weights of a run with these settings, as the student starts from them. */
  public static Map<String, NpyArray> initialWeights(TrainSettings settings) {
    return InitialWeights.of(settings.shape(), settings.seed());
  }
}
