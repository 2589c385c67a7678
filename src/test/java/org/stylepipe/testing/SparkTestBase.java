package org.stylepipe.testing;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local Spark session per test class (starting one costs 10–25 s here). */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = localSpark(Map.of());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
    spark = null;
  }

  /** A {@code local[2]} session with the test settings (no UI, loopback) plus {@code settings}. */
  public static SparkSession localSpark(Map<String, String> settings) {
    // A session an earlier test class left stopped (say by a failed cluster) must not be reused.
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[2]")
            .appName("stylepipe-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2");
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }
}
