package org.stylepipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stylepipe.output.CsvTable;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.S3Server;
import org.stylepipe.testing.StandaloneCluster;
import org.stylepipe.testing.StylizedSnapshot;
import org.stylepipe.testing.TestVideos;

/**
 * {@code jobs/submit} as a user runs it: the script itself, with {@code spark-submit} from a Spark
 * home made of the Spark jars the build has (Spark's launcher library builds the command, as
 * Spark's own {@code bin/spark-class} does), against a standalone cluster of a master and two
 * workers on 127.0.0.1. The JVMs the workers start (executors, and drivers in cluster deploy mode)
 * get Spark from that home and stylepipe only from what the script ships. Recordings, model and
 * outputs are on a real S3 server: the model is on no node's disk. Each job runs in client and in
 * cluster deploy mode ({@code MASTER}, {@code DEPLOY_MODE}).
 */
class SubmitIT {
  private static final int FRAMES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Jars of target/lib that Spark itself needs too: a Spark distribution has them. */
  private static final Set<String> SPARK_DEPENDENCIES =
      Set.of("slf4j-api", "commons-codec", "commons-compress", "gson");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static S3Server s3;
  static StandaloneCluster cluster;
  static Path sparkHome;
  static Path properties;
  static String bucket;
  static Path clip;
  static String modelSha256;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start();
    bucket = s3.createBucket("submit");
    clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, FRAMES, 20, 10);
    put(clip, "recordings/clip.mp4");
    put(TestModels.file("mosaic.onnx"), "models/mosaic.onnx");
    modelSha256 = ModelFile.sha256(TestModels.file("mosaic.onnx"));
    sparkHome = sparkHome(dir.resolve("spark-home"));
    properties = properties(dir.resolve("spark-test.conf"));
    cluster = StandaloneCluster.start(dir, sparkHome, 2, "1500m");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @ParameterizedTest(name = "{0} in {1} deploy mode")
  @CsvSource({"dataset, client", "dataset, cluster", "stylize, client", "stylize, cluster"})
  void theScriptRunsTheJobOnTheCluster(String job, String deployMode) throws Exception {
    String out = "s3a://" + bucket + "/" + job + "-" + deployMode;
    List<String> args = new ArrayList<>(List.of(job, "--input", uri("recordings/clip.mp4")));
    args.addAll(List.of("--output", out));
    if (job.equals("stylize")) {
      args.addAll(
          List.of(
              "--model",
              uri("models/mosaic.onnx"),
              "--segment-seconds",
              "0.5",
              "--flicker",
              "false"));
    }
    String log = submit(args, deployMode, dir.resolve(job + "-" + deployMode + ".log"));

    assertTrue(exists(out + "/_SUCCESS"), "no _SUCCESS in " + out + "; see " + log);
    String summaryLine = "stylepipe " + job + ": 1 recordings (0 with errors)";
    if (deployMode.equals("client")) {
      assertTrue(log.contains(summaryLine), log);
    } else {
      assertTrue(
          driverOutputs().anyMatch(stdout -> stdout.contains(summaryLine + ", ")),
          "no driver on a worker printed the summary of " + out);
    }
    if (job.equals("dataset")) {
      JsonNode summary = JSON.readTree(read(out + "/_stylepipe/dataset-summary.json"));
      assertEquals(FRAMES, summary.get("frames_decoded").asInt(), summary.toString());
      assertEquals(0, summary.get("errors").size(), summary.toString());
      List<Map<String, String>> manifest = table(out + "/manifest");
      assertEquals(summary.get("images_written").asInt(), manifest.size());
      assertEquals(
          sourceTimes(),
          manifest.stream()
              .map(row -> row.get("pts_us"))
              .distinct()
              .sorted(SubmitIT::byNumber)
              .toList());
    } else {
      Path video = dir.resolve("stylized-" + deployMode + ".mp4");
      copyToLocal(out + "/stylized/clip.mp4", video);
      assertEquals(sourceTimes(), StylizedSnapshot.times(video.toString()));
      List<Map<String, String>> manifest = table(out + "/manifest");
      assertEquals(FRAMES + 2 + 1, manifest.size()); // frames, two segment videos, the video
      for (Map<String, String> row : manifest) {
        assertEquals(uri("models/mosaic.onnx"), row.get("model"), row.toString());
        assertEquals(modelSha256, row.get("model_sha256"), row.toString());
      }
    }
  }

  /** Runs {@code jobs/submit ARGS} as a process and returns what it printed. */
  private static String submit(List<String> args, String deployMode, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of("jobs/submit"));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("PATH", sparkHome.resolve("bin") + ":" + env.get("PATH"));
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MASTER", cluster.masterUrl());
    env.put("DEPLOY_MODE", deployMode);
    env.put("SPARK_LOCAL_IP", "127.0.0.1"); // a driver in client mode, as the cluster's JVMs
    env.put("STYLEPIPE_SPARK_CONF", properties.toString());
    Process process = builder.start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String printed = Files.readString(log);
    assertTrue(ended, "jobs/submit ran over 5 minutes: " + printed);
    assertEquals(0, process.exitValue(), printed);
    return printed;
  }

  /**
   * A Spark home as a distribution has it: {@code jars/} (the build's Spark jars, with the
   * libraries of target/lib that Spark needs too), {@code bin/spark-submit}, and {@code
   * conf/log4j2.properties} (stylepipe's).
   */
  private static Path sparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    try (Stream<Path> spark = Files.list(Path.of("target/spark-lib"));
        Stream<Path> lib = Files.list(Path.of("target/lib"))) {
      Stream<Path> needed =
          lib.filter(
              jar ->
                  SPARK_DEPENDENCIES.contains(
                      jar.getFileName().toString().replaceAll("-[0-9].*", "")));
      for (Path jar : Stream.concat(spark, needed).toList()) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
    Path bin = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
    try (InputStream script =
        SubmitIT.class.getResourceAsStream("/org/stylepipe/testing/spark-submit")) {
      Files.copy(script, bin);
    }
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(home.resolve("conf"));
    Files.copy(Path.of("conf/log4j2.properties"), home.resolve("conf/log4j2.properties"));
    return home;
  }

  /**
   * conf/spark-defaults.conf with the test cluster's lines: small executors and drivers, one
   * executor per application, the native caches in target/cache, the S3 server, and {@code
   * spark-submit} waiting for a driver it started in cluster deploy mode.
   */
  private static Path properties(Path file) throws IOException {
    String cache = Path.of("target/cache").toAbsolutePath().toString();
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("conf/spark-defaults.conf"))) {
      lines.add(line.replace("/tmp/stylepipe", cache));
    }
    lines.addAll(
        List.of(
            "spark.driver.memory 640m",
            "spark.executor.memory 640m",
            "spark.cores.max 1",
            "spark.ui.enabled false",
            "spark.ui.showConsoleProgress false",
            "spark.standalone.submit.waitAppCompletion true"));
    s3.hadoopSettings().forEach((key, value) -> lines.add("spark.hadoop." + key + " " + value));
    return Files.write(file, lines);
  }

  /** The frame times of the source, in microseconds, as FFmpeg decodes them. */
  private static List<String> sourceTimes() throws Exception {
    List<String> times = StylizedSnapshot.times(clip.toString());
    assertEquals(FRAMES, times.size());
    return times;
  }

  /** What the drivers that workers ran in cluster deploy mode printed. */
  private static Stream<String> driverOutputs() throws IOException {
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (Stream<Path> drivers = Files.list(cluster.workDir(i))) {
        for (Path driver :
            drivers.filter(p -> p.getFileName().toString().startsWith("driver-")).toList()) {
          outputs.add(Files.readString(driver.resolve("stdout")));
        }
      }
    }
    return outputs.stream();
  }

  private static int byNumber(String a, String b) {
    return Long.compare(Long.parseLong(a), Long.parseLong(b));
  }

  private static String uri(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  private static Configuration hadoop() {
    Configuration conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
    return conf;
  }

  private static void put(Path file, String key) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri(key));
    path.getFileSystem(hadoop())
        .copyFromLocalFile(new org.apache.hadoop.fs.Path(file.toUri()), path);
  }

  private static boolean exists(String uri) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    return path.getFileSystem(hadoop()).exists(path);
  }

  private static String read(String uri) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = path.getFileSystem(hadoop());
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copyToLocal(String uri, Path file) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    path.getFileSystem(hadoop()).copyToLocalFile(path, new org.apache.hadoop.fs.Path(file.toUri()));
  }

  /** A table's rows as column name to value, read without Spark ({@link CsvTable}). */
  private static List<Map<String, String>> table(String uri) throws IOException {
    StringBuilder csv = new StringBuilder();
    new CsvTable(hadoop()).write(uri, csv);
    List<String> lines = csv.toString().lines().toList();
    List<String> header = fields(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> values = fields(line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The fields of a CSV line; a quoted field may hold commas and doubled quotes. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
