package org.stylepipe.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.JobRefusedException;

/**
 * The one writer's lease on an output: a file {@code _stylepipe/lease-<generation>.json} naming the
 * run that holds it ({@link LeaseHolder}), renewed by a heartbeat while the run works and marked
 * released at its end.
 *
 * <p>Taking the lease creates the next generation's file with {@link CreateIfAbsent}, so of runs
 * racing for it one wins; the others are refused with a message naming the holder. The newest
 * generation is the lease; a lease whose heartbeat is older than the timeout ({@value
 * #TIMEOUT_KEY}, default {@value #TIMEOUT_DEFAULT_SECONDS} s), or whose process on this host is
 * gone, is stale and taken over by creating the next generation. A run that finds a newer
 * generation than its own has lost the lease: {@link #checkHeld()} then fails, so it never
 * completes an output another run is writing.
 */
public final class OutputLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputLease.class);

  /**
   * Hadoop setting: how long a lease lives without a heartbeat (a duration, seconds by default).
   */
  public static final String TIMEOUT_KEY = "stylepipe.lease.timeout";

  public static final long TIMEOUT_DEFAULT_SECONDS = 300;

  /** Hadoop setting: how often the holder renews its lease. */
  public static final String HEARTBEAT_KEY = "stylepipe.lease.heartbeat";

  public static final long HEARTBEAT_DEFAULT_SECONDS = 30;

  private static final Pattern NAME = Pattern.compile("lease-(\\d{8})\\.json");
  private static final int ATTEMPTS = 5;

  private final FileSystem fs;
  private final Path folder;
  private final long generation;
  private final FileStore store;
  private final ScheduledExecutorService heartbeat;
  private volatile LeaseHolder holder;
  private volatile String lost;

  private OutputLease(
      FileSystem fs, Path folder, long generation, LeaseHolder holder, Configuration conf) {
    this.fs = fs;
    this.folder = folder;
    this.generation = generation;
    this.holder = holder;
    this.store = new FileStore(conf);
    long every = conf.getTimeDuration(HEARTBEAT_KEY, HEARTBEAT_DEFAULT_SECONDS, TimeUnit.SECONDS);
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "stylepipe-lease-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.SECONDS);
  }

  /** Whether {@code name} is the name of a lease file. */
  static boolean isLeaseFile(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Takes the lease of {@code layout}'s output for a run of {@code kind}.
   *
   * @throws JobRefusedException naming the holder if another run holds it
   */
  public static OutputLease take(OutputLayout layout, JobKind kind, Configuration conf)
      throws IOException {
    Path folder = new Path(layout.meta());
    FileSystem fs = folder.getFileSystem(conf);
    Duration timeout = timeout(conf);
    fs.mkdirs(folder);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Generation current = newest(fs, folder);
      refuseIfLive(layout, kind, current, timeout);
      long next = current == null ? 1 : current.number() + 1;
      LeaseHolder me = LeaseHolder.thisProcess(kind.command());
      Path file = file(folder, next);
      if (!CreateIfAbsent.create(fs, file, me.toJson())) {
        continue; // another run won this generation: the next round names it
      }
      Generation newest = newest(fs, folder);
      if (newest == null || newest.number() != next) {
        fs.delete(file, false); // a newer generation appeared: its run holds the lease
        continue;
      }
      if (current != null) {
        LOG.warn(
            "Took over the lease of {} from {}",
            layout.root(),
            current.holder().describe(Instant.now()));
      }
      removeOlderThan(fs, folder, next);
      LOG.info(
          "Run {} holds the lease of {} ({}; creating it: {})",
          me.run(),
          layout.root(),
          file.getName(),
          CreateIfAbsent.method(fs, folder));
      return new OutputLease(fs, folder, next, me, conf);
    }
    throw new IOException(
        "Cannot take the lease of "
            + layout.root()
            + ": other runs took it "
            + ATTEMPTS
            + " times");
  }

  /**
   * Refuses the output if another run holds its lease now.
   *
   * @throws JobRefusedException naming the holder
   */
  public static void refuseIfHeld(OutputLayout layout, JobKind kind, Configuration conf)
      throws IOException {
    Path folder = new Path(layout.meta());
    refuseIfLive(layout, kind, newest(folder.getFileSystem(conf), folder), timeout(conf));
  }

  private static Duration timeout(Configuration conf) {
    return Duration.ofSeconds(
        conf.getTimeDuration(TIMEOUT_KEY, TIMEOUT_DEFAULT_SECONDS, TimeUnit.SECONDS));
  }

  private static void refuseIfLive(
      OutputLayout layout, JobKind kind, Generation current, Duration timeout) {
    Instant now = Instant.now();
    if (current != null && current.holder().live(now, timeout)) {
      throw new JobRefusedException(
          "Cannot write to "
              + layout.root()
              + " as stylepipe "
              + kind.command()
              + ": "
              + current.holder().describe(now)
              + ", is writing it (lease "
              + current.path()
              + "); wait for it to finish, or use another --output; a run that died leaves a"
              + " lease that expires "
              + timeout.toSeconds()
              + " s after its last heartbeat ("
              + TIMEOUT_KEY
              + ")");
    }
  }

  /** The id of the run holding this lease. */
  public String runId() {
    return holder.run();
  }

  /**
   * Checks, on the store, that this run still holds the lease.
   *
   * @throws IOException naming the run that took it over
   */
  public void checkHeld() throws IOException {
    verify();
    if (lost != null) {
      throw new IOException(
          "Cannot complete the output in "
              + folder.getParent()
              + ": this run lost its lease: "
              + lost);
    }
  }

  /** Stops the heartbeat and marks the lease released (unless another run took it over). */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(30, TimeUnit.SECONDS);
      verify();
      if (lost == null) {
        store.write(file(folder, generation).toString(), holder.releasing().toJson());
      }
    } catch (IOException e) {
      LOG.warn("Cannot release the lease {}: {}", file(folder, generation), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void beat() {
    try {
      verify();
      if (lost != null) {
        LOG.error("Run {} lost its lease on {}: {}", holder.run(), folder.getParent(), lost);
        heartbeat.shutdown();
        return;
      }
      LeaseHolder renewed = holder.beating(Instant.now());
      store.write(file(folder, generation).toString(), renewed.toJson());
      holder = renewed;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot renew the lease of {}: {}", folder.getParent(), e.toString());
    }
  }

  /** Sets {@link #lost} if the newest lease on the store is not this run's. */
  private void verify() throws IOException {
    if (lost != null) {
      return;
    }
    Generation newest = newest(fs, folder);
    if (newest == null) {
      lost = "its lease file " + file(folder, generation) + " is gone";
    } else if (newest.number() != generation || !newest.holder().run().equals(holder.run())) {
      lost = newest.holder().describe(Instant.now()) + ", took it over";
    }
  }

  /** A lease file and its holder. */
  private record Generation(long number, Path path, LeaseHolder holder) {}

  /** The newest lease file under {@code folder}, or null if none. */
  private static Generation newest(FileSystem fs, Path folder) throws IOException {
    for (int attempt = 0; ; attempt++) {
      long number = -1;
      Path path = null;
      try {
        for (FileStatus status : fs.listStatus(folder)) {
          Matcher name = NAME.matcher(status.getPath().getName());
          if (name.matches() && Long.parseLong(name.group(1)) > number) {
            number = Long.parseLong(name.group(1));
            path = status.getPath();
          }
        }
      } catch (FileNotFoundException e) {
        return null;
      }
      if (path == null) {
        return null;
      }
      try (InputStream in = fs.open(path)) {
        return new Generation(number, path, LeaseHolder.fromJson(in.readAllBytes()));
      } catch (FileNotFoundException removed) {
        if (attempt == ATTEMPTS) {
          throw removed;
        }
        // removed by the run that took over since the listing: list again
      }
    }
  }

  private static void removeOlderThan(FileSystem fs, Path folder, long generation)
      throws IOException {
    for (FileStatus status : fs.listStatus(folder)) {
      Matcher name = NAME.matcher(status.getPath().getName());
      if (name.matches() && Long.parseLong(name.group(1)) < generation) {
        fs.delete(status.getPath(), false);
      }
    }
  }

  private static Path file(Path folder, long generation) {
    return new Path(folder, String.format("lease-%08d.json", generation));
  }
}
