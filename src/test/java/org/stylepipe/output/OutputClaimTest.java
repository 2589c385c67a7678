package org.stylepipe.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.OutputTree;

/** The marker and lease rules on local files. */
class OutputClaimTest {
  private static final ExecutorService RACERS = Executors.newFixedThreadPool(6);

  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @AfterAll
  static void stopRacers() {
    RACERS.shutdownNow();
  }

  @Test
  void ofRunsRacingForOneOutputExactlyOneWinsAndTheOthersNameIt() throws Exception {
    for (int round = 0; round < 60; round++) {
      race(layout("race " + round), conf, 6);
    }
  }

  /**
   * Starts {@code runners} claims of {@code layout} at once, with other options each; checks that
   * one wins and every other is refused naming the winner's run.
   */
  static void race(OutputLayout layout, Configuration conf, int runners) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> results = new ArrayList<>();
    for (int i = 0; i < runners; i++) {
      String options = "options " + i;
      results.add(
          RACERS.submit(
              () -> {
                start.await();
                try {
                  return OutputClaim.take(layout, JobKind.DATASET, options, false, conf);
                } catch (IllegalArgumentException refused) {
                  return refused;
                }
              }));
    }
    start.countDown();
    List<OutputClaim> winners = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (Future<Object> result : results) {
      Object outcome = result.get();
      if (outcome instanceof OutputClaim claim) {
        winners.add(claim);
      } else {
        refusals.add(((IllegalArgumentException) outcome).getMessage());
      }
    }
    try {
      assertEquals(1, winners.size(), "winners of " + layout.root() + "; refusals: " + refusals);
      for (String refusal : refusals) {
        assertTrue(refusal.contains("the dataset run " + winners.get(0).runId() + " of "), refusal);
      }
    } finally {
      winners.forEach(OutputClaim::close);
    }
  }

  @Test
  void anotherJobsOutputIsRefusedUntouchedAndOverwriteRemovesEverything() throws Exception {
    OutputLayout layout = layout("ds");
    try (OutputClaim claim = take(layout, JobKind.DATASET, "a", false)) {
      assertFalse(claim.resume());
    }
    Path root = Path.of(dir.toString(), "ds");
    for (String file :
        List.of(
            "frames/r/original/00000000.png",
            "manifest/recording_id=r/segment-00000.parquet",
            "stylized/r.mp4",
            "flicker/recording_id=r/segment-00000.parquet",
            "fewshot/r_train/input/000.png",
            "errors/errors.parquet",
            "_stylepipe/dataset-summary.json",
            "report.json",
            "report.html",
            "_SUCCESS")) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.writeString(root.resolve(file), file);
    }
    String before = OutputTree.digest(root);

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> take(layout, JobKind.STYLIZE, "b", false));
    assertTrue(
        refused.getMessage().startsWith("Cannot write to " + layout.root()), refused.getMessage());
    assertTrue(refused.getMessage().contains("of stylepipe dataset"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--overwrite true"), refused.getMessage());
    assertEquals(before, OutputTree.digest(root), "the refused output is untouched");

    try (OutputClaim claim = take(layout, JobKind.STYLIZE, "b", true)) {
      assertFalse(claim.resume());
    }
    try (var left = Files.walk(root)) {
      assertEquals(
          List.of("_stylepipe/output.json"),
          left.filter(Files::isRegularFile)
              .map(path -> root.relativize(path).toString())
              .filter(name -> !name.startsWith("_stylepipe/lease-"))
              .toList());
    }
    assertEquals(JobKind.STYLIZE, OutputMarker.read(layout, conf).kind());
  }

  @Test
  void sameOptionsResumeOtherOptionsAreRefused() throws Exception {
    OutputLayout layout = layout("same");
    take(layout, JobKind.DATASET, "a", false).close();
    try (OutputClaim claim = take(layout, JobKind.DATASET, "a", false)) {
      assertTrue(claim.resume());
    }
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> take(layout, JobKind.DATASET, "b", false));
    assertTrue(
        refused
            .getMessage()
            .contains("an unfinished run of stylepipe dataset made with other options (a)"),
        refused.getMessage());
  }

  @Test
  void flickerJoinsAStylizeOutputAndKeyframesOnlyADataset() throws Exception {
    OutputLayout stylized = layout("stylized");
    take(stylized, JobKind.STYLIZE, "s", false).close();
    Files.writeString(Path.of(dir.toString(), "stylized", "_SUCCESS"), "");
    try (OutputClaim claim = take(stylized, JobKind.FLICKER, "f", false)) {
      assertFalse(claim.resume());
    }
    assertEquals(new OutputMarker(JobKind.STYLIZE, "s"), OutputMarker.read(stylized, conf));
    assertTrue(Files.exists(Path.of(dir.toString(), "stylized", "_SUCCESS")));

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> take(stylized, JobKind.STYLIZE_KEYFRAMES, "", false));
    assertTrue(
        refused
            .getMessage()
            .contains("holds no output of stylepipe dataset but one of stylepipe stylize"),
        refused.getMessage());
  }

  @Test
  void filesWithoutAMarkerAreRefused() throws Exception {
    Path root = Files.createDirectories(dir.resolve("old/manifest"));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> take(layout("old"), JobKind.DATASET, "a", false));
    assertTrue(refused.getMessage().contains("no marker"), refused.getMessage());
    assertTrue(Files.isDirectory(root));
  }

  @Test
  void aLiveLeaseElsewhereIsRefusedAStaleOneTakenOver() throws Exception {
    OutputLayout layout = layout("stale");
    Instant now = Instant.now();
    writeLease(layout, 1, holder("other-host", 1, now.minusSeconds(5)));
    conf.set(OutputLease.TIMEOUT_KEY, "60s");
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> take(layout, JobKind.DATASET, "a", false));
    assertTrue(
        refused.getMessage().contains("run r-other-host of tester on other-host (process 1)"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("last heartbeat 5 s ago"), refused.getMessage());

    conf.set(OutputLease.TIMEOUT_KEY, "2s");
    try (OutputClaim claim = take(layout, JobKind.DATASET, "a", false)) {
      assertTrue(
          Files.exists(Path.of(dir.toString(), "stale", "_stylepipe", "lease-00000002.json")));
      assertFalse(
          Files.exists(Path.of(dir.toString(), "stale", "_stylepipe", "lease-00000001.json")));
    }
  }

  @Test
  void theLeaseOfAKilledProcessOnThisHostIsTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    OutputLayout layout = layout("killed");
    LeaseHolder mine = LeaseHolder.thisProcess("dataset");
    writeLease(
        layout,
        7,
        new LeaseHolder(
            "r-dead",
            "dataset",
            mine.host(),
            gone.pid(),
            "tester",
            Instant.now(),
            Instant.now(),
            false));
    try (OutputClaim claim = take(layout, JobKind.DATASET, "a", false)) {
      assertTrue(
          Files.exists(Path.of(dir.toString(), "killed", "_stylepipe", "lease-00000008.json")));
    }
  }

  @Test
  void aRunWhoseLeaseWasTakenOverCannotComplete() throws Exception {
    OutputLayout layout = layout("lost");
    try (OutputClaim claim = take(layout, JobKind.DATASET, "a", false)) {
      claim.checkHeld();
      writeLease(layout, 2, holder("usurper", 2, Instant.now()));
      IOException lost = assertThrows(IOException.class, claim::checkHeld);
      assertTrue(lost.getMessage().contains("run r-usurper"), lost.getMessage());
    }
  }

  @Test
  void theHeartbeatRenewsAndCloseReleases() throws Exception {
    conf.set(OutputLease.HEARTBEAT_KEY, "1s");
    OutputLayout layout = layout("beat");
    Path file = Path.of(dir.toString(), "beat", "_stylepipe", "lease-00000001.json");
    Instant started;
    try (OutputClaim claim = take(layout, JobKind.DATASET, "a", false)) {
      started = LeaseHolder.fromJson(Files.readAllBytes(file)).heartbeat();
      Thread.sleep(2500);
      assertTrue(LeaseHolder.fromJson(Files.readAllBytes(file)).heartbeat().isAfter(started));
    }
    assertTrue(LeaseHolder.fromJson(Files.readAllBytes(file)).released());
    take(layout, JobKind.DATASET, "a", false).close(); // a released lease is free
  }

  private OutputClaim take(OutputLayout layout, JobKind kind, String options, boolean overwrite)
      throws IOException {
    return OutputClaim.take(layout, kind, options, overwrite, conf);
  }

  private OutputLayout layout(String name) {
    return new OutputLayout(new org.apache.hadoop.fs.Path(dir.resolve(name).toUri()).toString());
  }

  private static LeaseHolder holder(String host, long pid, Instant heartbeat) {
    return new LeaseHolder(
        "r-" + host, "dataset", host, pid, "tester", heartbeat, heartbeat, false);
  }

  private void writeLease(OutputLayout layout, int generation, LeaseHolder holder)
      throws IOException {
    new FileStore(conf)
        .write(layout.meta() + String.format("/lease-%08d.json", generation), holder.toJson());
  }
}
