package org.stylepipe.report;

import java.io.Serializable;
import org.apache.spark.SparkEnv;

/**
 * Where a task ran: the Spark executor's id ({@code driver} in local mode) and its host as the
 * Spark UI shows it. Task outcomes carry one so that the report can give frames per second per
 * executor.
 */
public record TaskPlace(String executorId, String host) implements Serializable {

  /**
   * The place of the calling task; the only part of this package that reads Spark, and only on
   * executors.
   */
  public static TaskPlace current() {
    SparkEnv env = SparkEnv.get();
    if (env == null) {
      throw new IllegalStateException(
          "Cannot tell where this task runs: no Spark environment in this JVM");
    }
    return new TaskPlace(env.executorId(), env.blockManager().blockManagerId().host());
  }
}
