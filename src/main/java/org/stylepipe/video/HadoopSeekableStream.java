package org.stylepipe.video;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * Presents a Hadoop stream to FFmpeg through JavaCV's {@code InputStream} bridge with random
 * access: JavaCV seeks by {@code reset()} to the mark and {@code skip(offset)}, so both map to
 * {@link FSDataInputStream#seek} and no byte before the seek target is read.
 *
 * <p>JavaCV's callbacks turn an exception into a bare error code for FFmpeg; the first one is kept
 * here so that {@link #failure()} can report what the storage said.
 */
final class HadoopSeekableStream extends InputStream {
  private final FSDataInputStream in;
  private final long length;
  private long mark;
  private IOException failure;

  HadoopSeekableStream(FSDataInputStream in, long length) {
    this.in = in;
    this.length = length;
  }

  /** The first read or seek error, or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      long position = in.getPos();
      // JavaCV measures the stream with skip(Long.MAX_VALUE): clamp before adding, or the target
      // overflows.
      long target = position + Math.max(0, Math.min(n, length - position));
      if (target != position) {
        in.seek(target);
      }
      return target - position;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readLimit) {
    try {
      mark = in.getPos();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot mark stream position", e);
    }
  }

  @Override
  public synchronized void reset() throws IOException {
    try {
      in.seek(mark);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private IOException failed(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
