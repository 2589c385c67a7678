package org.stylepipe.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks on the driver, before any Spark work, that the job can read its inputs' storage and write
 * its output: a wrong endpoint, wrong credentials or a missing bucket fail at once with {@code
 * Cannot read|write <uri>: <reason>} instead of in every task, or after minutes of retries. Inputs
 * that merely do not exist are left to the input stage, which reports each one and goes on.
 *
 * <p>The checks use their own file system instances with S3A's and Hadoop IPC's retries cut and
 * S3A's timeouts at their minimum, and each has a time limit, so an unreachable store fails within
 * seconds rather than minutes.
 */
public final class StoragePreflight {
  /** The most one check may take (two requests at S3A's minimum timeout of 15 s). */
  private static final long TIME_LIMIT_SECONDS = 30;

  /**
   * S3A settings for the checks: no retries, and network timeouts at S3A's minimum (15 s); the job
   * itself keeps the configured retries.
   */
  private static final Map<String, String> FAIL_FAST =
      Map.of(
          "fs.s3a.attempts.maximum", "0",
          "fs.s3a.retry.limit", "0",
          "fs.s3a.retry.throttle.limit", "0",
          "fs.s3a.connection.establish.timeout", "15s",
          "fs.s3a.connection.timeout", "15s",
          "fs.s3a.connection.request.timeout", "15s",
          "ipc.client.connect.max.retries", "0",
          "ipc.client.connect.max.retries.on.timeouts", "0");

  private StoragePreflight() {}

  /**
   * Reads the status of every input (the part of its path before any glob) and, for a folder, one
   * page of its listing; writes and deletes a marker under {@code output}.
   *
   * @throws IOException {@code Cannot read <input>: <reason>} or {@code Cannot write <output>:
   *     <reason>}
   */
  public static void check(List<String> inputs, String output, Configuration conf)
      throws IOException {
    Configuration quick = quick(conf);
    ExecutorService executor = executor();
    try {
      for (String input : inputs) {
        withTimeLimit(
            executor, "read", input, () -> checkReadable(globFree(new Path(input)), quick));
      }
      withTimeLimit(executor, "write", output, () -> checkWritable(new Path(output), quick));
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Reads the status of the file at {@code location} ({@code name} as the user gave it), so that a
   * store that does not answer, or refuses, fails within seconds; a missing file is left to the
   * caller.
   *
   * @throws IOException {@code Cannot read <name>: <reason>}
   */
  public static void checkReadable(String name, Path location, Configuration conf)
      throws IOException {
    Configuration quick = quick(conf);
    ExecutorService executor = executor();
    try {
      withTimeLimit(executor, "read", name, () -> checkReadable(location, quick));
    } finally {
      executor.shutdownNow();
    }
  }

  private static Configuration quick(Configuration conf) {
    Configuration quick = new Configuration(conf);
    FAIL_FAST.forEach(quick::set);
    return quick;
  }

  private static ExecutorService executor() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "stylepipe-storage-preflight");
          thread.setDaemon(true);
          return thread;
        });
  }

  private static Void checkReadable(Path path, Configuration conf) throws IOException {
    try (FileSystem fs = FileSystem.newInstance(path.toUri(), conf)) {
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        fs.listStatusIterator(path).hasNext();
      }
    } catch (FileNotFoundException missing) {
      // The store answered: the input stage reports the missing input and the job goes on with the
      // others.
    }
    return null;
  }

  private static Void checkWritable(Path output, Configuration conf) throws IOException {
    Path marker = new Path(output, "_stylepipe/.preflight-" + UUID.randomUUID());
    try (FileSystem fs = FileSystem.newInstance(output.toUri(), conf)) {
      try (OutputStream out = fs.create(marker, true)) {
        out.write(0);
      }
      fs.delete(marker, false);
    }
    return null;
  }

  /**
   * The longest prefix of {@code path} without glob characters (the path itself when it has none).
   */
  private static Path globFree(Path path) {
    Path prefix = path;
    for (Path p = path; p != null; p = p.getParent()) {
      if (p.getName().matches(".*[*?\\[\\]{}\\\\].*")) {
        prefix = p.getParent();
      }
    }
    return prefix;
  }

  private static void withTimeLimit(
      ExecutorService executor, String verb, String uri, Callable<Void> check) throws IOException {
    Future<Void> result = executor.submit(check);
    try {
      result.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException(
          "Cannot " + verb + " " + uri + ": " + reason(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new IOException(
          "Cannot " + verb + " " + uri + ": no answer within " + TIME_LIMIT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Cannot " + verb + " " + uri + ": interrupted");
    }
  }

  /** What went wrong in a few words where the exception tells, then the store's own message. */
  private static String reason(Throwable e) {
    String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
    String hint = hint(e);
    return hint == null ? detail : hint + " (" + detail + ")";
  }

  private static String hint(Throwable e) {
    // By name: S3A's classes are only on the class path where s3a:// is used.
    if (e.getClass().getSimpleName().equals("UnknownStoreException")) {
      return "the bucket does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "access denied, check the credentials and their permissions";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof SocketTimeoutException) {
        return "cannot connect to the store, check its endpoint";
      }
    }
    return null;
  }
}
