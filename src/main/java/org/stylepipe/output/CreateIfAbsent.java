package org.stylepipe.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Creates a small file only if none has its name, so that of several writers racing for one name
 * exactly one wins:
 *
 * <ul>
 *   <li>local files: the content goes to a temporary file that is then hard-linked to the name
 *       ({@code link(2)} fails if the name exists), so the file appears whole or not at all; where
 *       the file system has no hard links, an exclusive create ({@code O_EXCL});
 *   <li>object stores whose connector sends conditional writes ({@code If-None-Match: *}, S3A from
 *       Hadoop 3.4.2) and which refuse the second of two creates, as a probe finds once per store:
 *       a conditional create;
 *   <li>other stores and file systems: {@code create(path, overwrite=false)} (atomic on HDFS; on an
 *       object store a check, then a put).
 * </ul>
 *
 * <p>On anything but local files the writer then reads the file back after {@link #SETTLE_MS}: the
 * writer whose content is there wins. This covers stores that check the condition and then write
 * (s3proxy's filesystem backend) or have no conditional writes at all, as long as racing writes
 * land within the settle time of each other; on a store with atomic conditional writes (AWS S3) the
 * read-back always agrees.
 */
final class CreateIfAbsent {
  /** The create option that makes S3A send {@code If-None-Match: *} (Hadoop 3.4.2). */
  static final String CONDITIONAL = "fs.option.create.conditional.overwrite";

  /** How long a writer to an object store waits before reading back what it wrote. */
  static final long SETTLE_MS = 1000;

  /** Per store (its URI): whether it refuses a conditional create of an existing object. */
  private static final Map<String, Boolean> HONOURED = new ConcurrentHashMap<>();

  private CreateIfAbsent() {}

  /** How the store at {@code folder} creates files only if absent, in a few words for the logs. */
  static String method(FileSystem fs, Path folder) throws IOException {
    if ("file".equals(fs.getScheme())) {
      return "atomic (hard link)";
    }
    return (conditional(fs, folder) ? "conditional write (If-None-Match)" : "check, then write")
        + ", read back after "
        + SETTLE_MS
        + " ms";
  }

  /**
   * Writes {@code bytes} to {@code path} if no file is there.
   *
   * @return true if this call created the file, false if a file was there or another writer won
   */
  static boolean create(FileSystem fs, Path path, byte[] bytes) throws IOException {
    if ("file".equals(fs.getScheme())) {
      return createLocal(java.nio.file.Path.of(fs.makeQualified(path).toUri()), bytes);
    }
    boolean conditional = conditional(fs, path.getParent());
    if (!conditional && fs.exists(path)) {
      return false;
    }
    try (OutputStream out = conditional ? conditionalStream(fs, path) : fs.create(path, false)) {
      out.write(bytes);
    } catch (IOException e) {
      return holds(fs, path, bytes, e);
    }
    try {
      Thread.sleep(SETTLE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Cannot create " + path + ": interrupted");
    }
    return holds(fs, path, bytes, null);
  }

  private static boolean createLocal(java.nio.file.Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    java.nio.file.Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.write(temp, bytes);
    try {
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | FileSystemException noLinks) {
      if (noLinks instanceof FileSystemException && Files.exists(target)) {
        return false;
      }
      try {
        Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Whether the file at {@code path} holds {@code bytes}; if it is missing, rethrows {@code
   * failure} (the create failed for another reason than an existing file), or fails if none.
   */
  private static boolean holds(FileSystem fs, Path path, byte[] bytes, IOException failure)
      throws IOException {
    byte[] found;
    try (var in = fs.open(path)) {
      found = in.readAllBytes();
    } catch (java.io.FileNotFoundException missing) {
      if (failure != null) {
        throw failure;
      }
      return false;
    }
    return Arrays.equals(found, bytes);
  }

  /**
   * Whether the connector sends conditional creates for {@code folder} and the store refuses the
   * second of two: found once per store by creating a probe object twice.
   */
  private static boolean conditional(FileSystem fs, Path folder) throws IOException {
    if (!fs.hasPathCapability(folder, CONDITIONAL)) {
      return false;
    }
    String store = fs.getUri().toString();
    Boolean known = HONOURED.get(store);
    if (known != null) {
      return known;
    }
    Path probe = new Path(folder, ".conditional-probe-" + UUID.randomUUID());
    boolean honoured;
    try {
      try (FSDataOutputStream out = conditionalStream(fs, probe)) {
        out.write(1);
      }
      try (FSDataOutputStream out = conditionalStream(fs, probe)) {
        out.write(2);
      }
      honoured = false;
    } catch (IOException refused) {
      honoured = fs.exists(probe);
    } finally {
      fs.delete(probe, false);
    }
    HONOURED.put(store, honoured);
    return honoured;
  }

  /** A stream that creates {@code path} with {@code If-None-Match: *}. */
  private static FSDataOutputStream conditionalStream(FileSystem fs, Path path) throws IOException {
    FSDataOutputStreamBuilder<?, ?> builder = fs.createFile(path);
    builder.overwrite(false);
    builder.must(CONDITIONAL, true);
    return builder.build();
  }
}
