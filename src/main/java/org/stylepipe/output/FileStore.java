package org.stylepipe.output;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Writes whole files so that a reader never sees a partial one and a rewrite replaces the old one:
 * object stores whose uploads become visible only when complete (s3a://: output streams that can be
 * aborted) are written in place; every other file system (local, hdfs://) gets a hidden temporary
 * name beside the target, unique to the write, that is renamed into place. So two attempts of one
 * task writing the same file at once each leave a whole file, and the last rename wins: never a
 * torn or mixed one. Files written by other code (videos) are {@link #stage staged} in a local file
 * first, then {@link #commit committed} the same way. Not thread-safe.
 */
public final class FileStore {
  private static final Pattern TEMPORARY =
      Pattern.compile("\\..+\\.\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}\\.tmp");

  private final Configuration conf;
  private final Set<String> createdFolders = new HashSet<>();

  public FileStore(Configuration conf) {
    this.conf = conf;
  }

  /** Writes {@code bytes} to the file at {@code uri}, replacing any file there. */
  public void write(String uri, byte[] bytes) throws IOException {
    write(uri, ByteBuffer.wrap(bytes));
  }

  /**
   * Writes the remaining bytes of {@code bytes} (native memory goes to the file without a copy on
   * the Java heap) to the file at {@code uri}, replacing any file there.
   */
  public void write(String uri, ByteBuffer bytes) throws IOException {
    URI parsed = uri(uri);
    if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
      writeLocal(parsed.getScheme() == null ? Paths.get(uri) : Paths.get(parsed), bytes);
      return;
    }
    Path path = new Path(parsed);
    FileSystem fs = path.getFileSystem(conf);
    Path target = visibleWhenComplete(fs, path) ? path : temporary(path);
    try (OutputStream out = fs.create(target, true)) {
      WritableByteChannel channel = Channels.newChannel(out);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
    if (target != path) {
      renameOver(target, path);
    }
  }

  /**
   * The bytes of the file at {@code uri}; a missing file is a {@link
   * java.io.FileNotFoundException}.
   */
  public byte[] read(String uri) throws IOException {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * A local file to write the content of {@code uri} into before {@link #commit}: for a local
   * target a hidden temporary name beside it, unique to this call, otherwise a temporary file on
   * this machine.
   */
  public java.nio.file.Path stage(String uri) throws IOException {
    URI parsed = uri(uri);
    String name = Paths.get(parsed.getPath()).getFileName().toString();
    if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
      java.nio.file.Path target = parsed.getScheme() == null ? Paths.get(uri) : Paths.get(parsed);
      Files.createDirectories(target.getParent());
      return target.resolveSibling(temporaryName(name));
    }
    return Files.createTempFile("stylepipe-", "-" + name);
  }

  /**
   * Puts a file {@link #stage staged} for {@code uri} in place (renamed, or uploaded and deleted).
   */
  public void commit(java.nio.file.Path staged, String uri) throws IOException {
    URI parsed = uri(uri);
    if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
      move(staged, parsed.getScheme() == null ? Paths.get(uri) : Paths.get(parsed));
      return;
    }
    Path path = new Path(parsed);
    FileSystem fs = path.getFileSystem(conf);
    Path local = new Path(staged.toUri());
    if (visibleWhenComplete(fs, path)) {
      fs.copyFromLocalFile(true, true, local, path);
    } else {
      Path temp = temporary(path);
      fs.copyFromLocalFile(true, true, local, temp);
      renameOver(temp, path);
    }
  }

  /**
   * The name of a temporary file for {@code name} in the same folder: hidden (Spark and Hadoop skip
   * names starting with a dot) and unique to the write.
   */
  static String temporaryName(String name) {
    return "." + name + "." + UUID.randomUUID() + ".tmp";
  }

  /**
   * Removes the temporary files that writes cut short left under {@code root} (a task attempt
   * killed between writing and renaming: its executor lost, its JVM killed). Call it only while no
   * write to {@code root} is under way. Stores written in place have none and are not listed.
   *
   * @return how many were removed
   */
  public static int removeTemporaries(String root, Configuration conf) throws IOException {
    URI parsed = uri(root);
    if (parsed.getScheme() == null || "file".equals(parsed.getScheme())) {
      return removeLocalTemporaries(
          parsed.getScheme() == null ? Paths.get(root) : Paths.get(parsed));
    }
    Path path = new Path(parsed);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path) || visibleWhenComplete(fs, path)) {
      return 0;
    }
    int removed = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (isTemporary(file.getName()) && fs.delete(file, false)) {
        removed++;
      }
    }
    return removed;
  }

  /** As {@link #removeTemporaries}, on a local folder (walked without Hadoop's per-file stat). */
  private static int removeLocalTemporaries(java.nio.file.Path root) throws IOException {
    if (Files.notExists(root)) {
      return 0;
    }
    List<java.nio.file.Path> temporaries;
    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
      temporaries = files.filter(f -> isTemporary(f.getFileName().toString())).toList();
    }
    int removed = 0;
    for (java.nio.file.Path file : temporaries) {
      if (Files.deleteIfExists(file)) {
        removed++;
      }
    }
    return removed;
  }

  private static boolean isTemporary(String name) {
    return TEMPORARY.matcher(name).matches();
  }

  /** Whether what is written to {@code path} becomes visible only, and whole, when it is closed. */
  private static boolean visibleWhenComplete(FileSystem fs, Path path) throws IOException {
    return fs.hasPathCapability(path, CommonPathCapabilities.ABORTABLE_STREAM);
  }

  private static Path temporary(Path path) {
    return new Path(path.getParent(), temporaryName(path.getName()));
  }

  private void renameOver(Path temp, Path target) throws IOException {
    try {
      FileContext.getFileContext(target.toUri(), conf)
          .rename(temp, target, Options.Rename.OVERWRITE);
    } catch (IOException | RuntimeException e) {
      temp.getFileSystem(conf).delete(temp, false);
      throw e;
    }
  }

  /**
   * The URI of a Hadoop path string ({@code file:/…}, {@code s3a://…}, as {@link Path#toString()}
   * gives it: not URI-escaped, so any file name works).
   */
  private static URI uri(String path) {
    return new Path(path).toUri();
  }

  private void writeLocal(java.nio.file.Path target, ByteBuffer bytes) throws IOException {
    java.nio.file.Path folder = target.getParent();
    if (createdFolders.add(folder.toString())) {
      Files.createDirectories(folder);
    }
    java.nio.file.Path temp = folder.resolve(temporaryName(target.getFileName().toString()));
    try {
      try (FileChannel channel = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(java.nio.file.Path temp, java.nio.file.Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
