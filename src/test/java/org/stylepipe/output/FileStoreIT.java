package org.stylepipe.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.S3Server;

/**
 * Two attempts of one task writing the same file at once (a speculative or zombie attempt beside a
 * retry), on local files and on a real S3 server: a reader never sees a torn or mixed file, the
 * file ends whole as one attempt wrote it, and no temporary file is left beside it.
 */
class FileStoreIT {
  private static final int SIZE = 1 << 20;
  private static final int WRITES = 12;

  @TempDir static Path dir;
  static S3Server s3;
  static String bucket;
  static Configuration conf;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start();
    bucket = s3.createBucket("store");
    conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void twoAttemptsWritingALocalFileAtOnceLeaveOneWholeFile() throws Exception {
    Path target = dir.resolve("local/segment-00000.parquet");
    race(target.toUri().toString(), false);
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "temporary files left beside the target");
    }
  }

  @Test
  void twoAttemptsStagingAndCommittingALocalVideoAtOnceLeaveOneWholeFile() throws Exception {
    Path target = dir.resolve("staged/00000.mp4");
    race(target.toString(), true);
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "temporary files left beside the target");
    }
  }

  @Test
  void twoAttemptsWritingAnObjectAtOnceLeaveOneWholeObject() throws Exception {
    race("s3a://" + bucket + "/out/segment-00000.parquet", false);
    race("s3a://" + bucket + "/out/00000.mp4", true);
  }

  @Test
  void temporaryFilesOfWritesCutShortAreRemovedAndNothingElse() throws Exception {
    Path root = dir.resolve("cut short");
    FileStore store = new FileStore(conf);
    store.write(root.resolve("frames/a.png").toString(), new byte[] {1});
    store.write(root.resolve("manifest/.hidden.parquet").toString(), new byte[] {2});
    Path image = root.resolve("frames/" + FileStore.temporaryName("b.png"));
    Path manifest = root.resolve("manifest/" + FileStore.temporaryName("segment-00001.parquet"));
    Path video = Files.createFile(root.resolve(FileStore.temporaryName("00001.mp4")));
    Files.write(image, new byte[] {3});
    Files.write(manifest, new byte[] {4});

    assertEquals(3, FileStore.removeTemporaries(root.toString(), conf));

    try (Stream<Path> files = Files.walk(root)) {
      assertEquals(
          List.of(root.resolve("frames/a.png"), root.resolve("manifest/.hidden.parquet")),
          files.filter(Files::isRegularFile).sorted().toList());
    }
    assertTrue(Files.notExists(video));
    assertEquals(0, FileStore.removeTemporaries(dir.resolve("absent").toString(), conf));
    assertEquals(0, FileStore.removeTemporaries("s3a://" + bucket + "/out", conf));
  }

  /**
   * Two writers, each writing its own bytes {@value #WRITES} times to {@code uri} (written whole,
   * or staged and committed), while a reader checks every version it reads.
   */
  private static void race(String uri, boolean staged) throws Exception {
    byte[][] contents = {content('a'), content('b')};
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (byte[] content : contents) {
        writers.add(
            threads.submit(
                () -> {
                  FileStore store = new FileStore(conf);
                  for (int i = 0; i < WRITES; i++) {
                    if (staged) {
                      java.nio.file.Path local = store.stage(uri);
                      Files.write(local, content);
                      store.commit(local, uri);
                    } else {
                      store.write(uri, content);
                    }
                  }
                  return null;
                }));
      }
      Future<?> reader =
          threads.submit(
              () -> {
                FileStore store = new FileStore(conf);
                while (writing.get()) {
                  try {
                    check(store.read(uri), contents, uri);
                    reads.incrementAndGet();
                  } catch (FileNotFoundException notYet) {
                    Thread.onSpinWait();
                  } catch (IOException e) {
                    // S3A notices an object replaced while it reads it, and says so: not torn.
                    if (!e.getClass().getSimpleName().equals("RemoteFileChangedException")) {
                      throw e;
                    }
                  }
                }
                return null;
              });
      for (Future<?> writer : writers) {
        writer.get();
      }
      writing.set(false);
      reader.get();
    } finally {
      threads.shutdownNow();
    }
    check(new FileStore(conf).read(uri), contents, uri);
    assertTrue(reads.get() > 0, "the reader read nothing");
  }

  private static void check(byte[] read, byte[][] contents, String uri) {
    assertTrue(
        Arrays.equals(read, contents[0]) || Arrays.equals(read, contents[1]),
        uri + ": a torn or mixed file of " + read.length + " bytes");
  }

  /** {@value #SIZE} bytes of {@code fill}, distinct at every position from the other writer's. */
  private static byte[] content(char fill) {
    byte[] bytes = new byte[SIZE];
    Arrays.fill(bytes, (byte) fill);
    return bytes;
  }
}
