package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream as JavaCV's seek callback drives it: mark at 0, reset, skip forward, measure with
 * skip(MAX).
 */
class HadoopSeekableStreamTest {
  @TempDir Path dir;

  @Test
  void seeksAndMeasuresFromAnyPosition() throws IOException {
    byte[] bytes = new byte[1000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = Files.write(dir.resolve("data.bin"), bytes);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    FileSystem fs = path.getFileSystem(new Configuration());
    try (HadoopSeekableStream in = new HadoopSeekableStream(fs.open(path), bytes.length)) {
      in.mark(Integer.MAX_VALUE);
      assertEquals(99, in.skip(99));
      assertEquals(99, in.read());
      // AVSEEK_SIZE: JavaCV skips Long.MAX_VALUE from the current position until nothing is left.
      assertEquals(900, in.skip(Long.MAX_VALUE));
      assertEquals(0, in.skip(Long.MAX_VALUE));
      assertEquals(-1, in.read());
      in.reset();
      assertEquals(1000, in.skip(Long.MAX_VALUE));
      in.reset();
      assertEquals(500, in.skip(500));
      assertEquals(0, in.skip(-5));
      assertEquals(500 & 0xff, in.read());
    }
  }
}
