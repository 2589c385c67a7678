package org.stylepipe.progress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Console progress of one stage's segment tasks: a listener on the driver that follows the one
 * Spark job run by {@link #collect}, maps each finished task's partition to its segment and
 * recording, takes the frames the task did from the {@link #frames()} accumulator (which the
 * executor function adds to) and logs {@link ProgressBoard}'s lines at INFO. Spark's own console
 * progress bar is unaffected.
 *
 * <pre>
 * try (StageProgress progress = StageProgress.start(jsc, "stylize", parts)) {
 *   results = progress.collect(jsc.parallelize(tasks, tasks.size()).map(new Function(..., progress.frames())));
 * }
 * </pre>
 */
public final class StageProgress extends SparkListener implements AutoCloseable {
  /** Lines per recording at most this often, besides its last. */
  static final long THROTTLE_MILLIS = 5000;

  private static final Logger LOG = LoggerFactory.getLogger(StageProgress.class);
  private static final String JOB_PROPERTY = "stylepipe.progress";

  /**
   * How long {@link #collect} waits for the listener to see the job's end, so its last lines come
   * first.
   */
  private static final long JOB_END_WAIT_SECONDS = 10;

  private final JavaSparkContext jsc;
  private final ProgressBoard board;
  private final LongAccumulator frames;
  private final String key = UUID.randomUUID().toString();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Set<Integer> stageIds = new HashSet<>();
  private int jobId = -1;

  private StageProgress(JavaSparkContext jsc, String stage, List<ProgressBoard.Part> parts) {
    this.jsc = jsc;
    this.board = new ProgressBoard(stage, parts, THROTTLE_MILLIS);
    this.frames = jsc.sc().longAccumulator("stylepipe " + stage + " frames");
  }

  /** Registers the progress of a stage whose partitions are {@code parts}, in order. */
  public static StageProgress start(
      JavaSparkContext jsc, String stage, List<ProgressBoard.Part> parts) {
    StageProgress progress = new StageProgress(jsc, stage, parts);
    jsc.sc().addSparkListener(progress);
    return progress;
  }

  /** The accumulator each task adds its frames to (a named one, so the Spark UI shows it too). */
  public LongAccumulator frames() {
    return frames;
  }

  /** Collects {@code rdd} (one partition per part) as the followed job. */
  public <T> List<T> collect(JavaRDD<T> rdd) {
    jsc.setLocalProperty(JOB_PROPERTY, key);
    try {
      List<T> results = rdd.collect();
      ended.await(JOB_END_WAIT_SECONDS, TimeUnit.SECONDS);
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot wait for the progress of the job: interrupted", e);
    } finally {
      jsc.setLocalProperty(JOB_PROPERTY, null);
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    if (jobId < 0
        && jobStart.properties() != null
        && key.equals(jobStart.properties().getProperty(JOB_PROPERTY))) {
      jobId = jobStart.jobId();
      for (Object stageId : CollectionConverters.asJava(jobStart.stageIds())) {
        stageIds.add((Integer) stageId);
      }
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    if (stageIds.contains(taskStart.stageId())) {
      board.started(taskStart.taskInfo().partitionId(), taskStart.taskInfo().launchTime());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (stageIds.contains(taskEnd.stageId()) && taskEnd.taskInfo().successful()) {
      String line =
          board.finished(
              taskEnd.taskInfo().partitionId(), framesOf(taskEnd), taskEnd.taskInfo().finishTime());
      if (line != null) {
        LOG.info(line);
      }
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    if (jobEnd.jobId() == jobId) {
      ended.countDown();
    }
  }

  /** The task's update of the frames accumulator (Spark reports only non-zero updates). */
  private long framesOf(SparkListenerTaskEnd taskEnd) {
    for (AccumulableInfo info : CollectionConverters.asJava(taskEnd.taskInfo().accumulables())) {
      if (info.id() == frames.id() && info.update().isDefined()) {
        return ((Number) info.update().get()).longValue();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    jsc.sc().removeSparkListener(this);
  }
}
