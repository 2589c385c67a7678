package org.stylepipe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One real S3 server ({@link S3Server}) and one local Spark session per test class. The session
 * reaches the server through S3A ({@code spark.hadoop.fs.s3a.*}) and commits Spark output with the
 * committer settings of {@code conf/spark-defaults.conf}, so the tests exercise the cluster
 * configuration.
 */
public abstract class S3SparkTestBase {
  protected static S3Server s3;
  protected static SparkSession spark;

  @BeforeAll
  static void startS3AndSpark() throws Exception {
    s3 = S3Server.start();
    Map<String, String> settings = new HashMap<>(committerSettings());
    s3.hadoopSettings().forEach((key, value) -> settings.put("spark.hadoop." + key, value));
    spark = SparkTestBase.localSpark(settings);
  }

  @AfterAll
  static void stopS3AndSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
  }

  /** The output committer lines of {@code conf/spark-defaults.conf}. */
  public static Map<String, String> committerSettings() throws IOException {
    Map<String, String> settings = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("conf/spark-defaults.conf"))) {
      String[] keyValue = line.trim().split("\\s+", 2);
      if (keyValue.length == 2
          && !keyValue[0].startsWith("#")
          && keyValue[0].toLowerCase().contains("committ")) {
        settings.put(keyValue[0], keyValue[1]);
      }
    }
    return settings;
  }
}
