package org.stylepipe.ingest;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * Presents a Hadoop stream to FFmpeg through JavaCV's {@code InputStream} bridge with random access: JavaCV
 * seeks by {@code reset()} to the mark and {@code skip(offset)}, so both map to {@link FSDataInputStream#seek}
 * and no byte before the seek target is read.
 */
final class HadoopSeekableStream extends InputStream {
  private final FSDataInputStream in;
  private final long length;
  private long mark;

  HadoopSeekableStream(FSDataInputStream in, long length) {
    this.in = in;
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public long skip(long n) throws IOException {
    long position = in.getPos();
    long target = Math.min(length, position + Math.max(0, n));
    if (target != position) {
      in.seek(target);
    }
    return target - position;
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
    in.seek(mark);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
