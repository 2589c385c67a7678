package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.TestVideos;

/**
 * GPU scheduling without a GPU: a {@code local-cluster} Spark (a real worker and executor JVM)
 * whose worker finds two GPUs, "0" and "1", through a fake discovery script; the executor has both
 * and each task asks for one, so two tasks run at once on distinct addresses. With no CUDA here,
 * the job must fail clearly unless the CPU fallback is on; with it, every task records the address
 * it was given and the device it ran on.
 */
class GpuSchedulingIT {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startCluster() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    // Spark's launcher wants $SPARK_HOME/jars (set by the build); the executor gets the test class
    // path instead.
    Files.createDirectories(
        Path.of(System.getenv().getOrDefault("SPARK_HOME", "target/spark-home"), "jars"));
    Path script = target.resolve("fake-gpu-discovery.sh");
    Files.writeString(script, "#!/bin/sh\necho '{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String javaOptions =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D"))
            .collect(Collectors.joining(" "));
    spark =
        SparkSession.builder()
            .master("local-cluster[1,2,1536]")
            .appName("stylepipe-gpu-scheduling-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.task.maxFailures", "1")
            .config("spark.worker.resource.gpu.amount", "2")
            .config("spark.worker.resource.gpu.discoveryScript", script.toString())
            .config("spark.executor.resource.gpu.amount", "2")
            .config("spark.task.resource.gpu.amount", "1")
            .config("spark.executor.memory", "1g")
            .config("spark.executor.extraClassPath", classPath)
            .config("spark.executor.extraJavaOptions", javaOptions)
            .getOrCreate();
  }

  @AfterAll
  static void stopCluster() {
    spark.stop();
    spark = null;
  }

  @Test
  void concurrentTasksGetDistinctGpusAndTheJobFailsClearlyWithoutCuda() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 96, 64, 40, 20, 5);
    Path model = TestModels.file("mosaic.onnx");

    Exception e =
        assertThrows(
            Exception.class,
            () ->
                StylizeJob.run(
                    StylizeJobIT.config(
                        clip, dir.resolve("no-fallback"), model, "--segment-seconds", "0.5"),
                    spark));
    assertTrue(
        e.getMessage().contains("that Spark assigned to this task: the engine sees no CUDA device")
            && e.getMessage().contains("--cpu-fallback true"),
        e.getMessage());

    Path out = dir.resolve("out");
    StylizeSummary summary =
        StylizeJob.run(
            StylizeJobIT.config(
                clip, out, model, "--segment-seconds", "0.5", "--cpu-fallback", "true"),
            spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    assertEquals(Map.of("cpu", 40L), summary.framesByDevice());

    List<Row> rows = spark.read().parquet(out.resolve("manifest").toString()).collectAsList();
    Map<Integer, Set<String>> addressesBySegment = new HashMap<>();
    for (Row row : rows) {
      if (row.getAs("kind").equals("video")) {
        assertEquals(
            40, (int) row.getAs("frames"), "the joined video holds every segment's frames");
      } else {
        assertEquals("cpu", row.getAs("device"));
        addressesBySegment
            .computeIfAbsent(row.getAs("segment"), s -> new TreeSet<>())
            .add(row.getAs("gpu_address"));
      }
    }
    assertEquals(4, addressesBySegment.size());
    Set<String> all = new TreeSet<>();
    for (Set<String> addresses : addressesBySegment.values()) {
      assertEquals(1, addresses.size(), "one address per task: " + addressesBySegment);
      all.addAll(addresses);
    }
    assertEquals(
        Set.of("0", "1"),
        all,
        "the two tasks that ran at once had distinct GPUs: " + addressesBySegment);
  }
}
