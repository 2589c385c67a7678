package org.stylepipe.stylizejob;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;
import org.stylepipe.video.KeyframeGrid;

/**
 * Reads a few-shot segment's frames and their noise guides on a thread of its own, so that reading
 * overlaps inference: each pair is decoded to BGR bytes, checked to have the sequence's size, and
 * handed over in batches through a queue of {@value #CAPACITY} batches, none spanning two intervals
 * of the video's {@link KeyframeGrid} (as in {@link FrameFeed}). The consumer takes batches until
 * null; an unreadable file stops the feed with an error naming it.
 */
final class ImageFeed implements AutoCloseable {
  /** Batches read ahead of inference. */
  static final int CAPACITY = 2;

  /** Frames in number order, with their pixels and their guides' pixels. */
  record Batch(List<GuidedFrame> frames, List<byte[]> pixels, List<byte[]> guides) {}

  /** The end of the feed: time spent reading and decoding, and the error that stopped it. */
  private record End(long readNanos, Exception error) {}

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private final String segmentName;
  private End end;
  private long waitNanos;

  /** Starts reading {@code segment} on a new thread. */
  ImageFeed(GuidedSegment segment, Configuration conf, int batchSize) {
    segmentName = "segment " + segment.index() + " of " + segment.sequence().name();
    thread =
        new Thread(
            () -> read(segment, conf, batchSize),
            "stylepipe-read-" + segment.sequence().name() + "-" + segment.index());
    thread.setDaemon(true);
    thread.start();
  }

  /** The next batch, or null after the last; rethrows the error that stopped reading. */
  Batch take() throws IOException, InterruptedException {
    if (end != null) {
      return null;
    }
    long started = System.nanoTime();
    Object item = queue.take();
    waitNanos += System.nanoTime() - started;
    if (item instanceof End last) {
      end = last;
      if (last.error() instanceof IOException e) {
        throw e;
      }
      if (last.error() instanceof RuntimeException e) {
        throw new IllegalStateException("Cannot read the frames of " + segmentName + ": " + e, e);
      }
      return null;
    }
    return (Batch) item;
  }

  /** Time spent reading and decoding images, known once {@link #take()} returned null. */
  long readNanos() {
    return end == null ? 0 : end.readNanos();
  }

  /** Time the consumer spent waiting for batches. */
  long waitNanos() {
    return waitNanos;
  }

  /** Stops reading if it still runs. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(GuidedSegment segment, Configuration conf, int batchSize) {
    FileStore store = new FileStore(conf);
    GuidedSequence sequence = segment.sequence();
    long busy = 0;
    Exception error = null;
    try {
      KeyframeGrid keyframes = segment.keyframes();
      List<GuidedFrame> frames = segment.frames();
      for (int i = 0, end; i < frames.size(); i = end) {
        long started = System.nanoTime();
        end = i + 1;
        while (end < frames.size()
            && end - i < batchSize
            && keyframes.sameInterval(frames.get(end).ptsUs(), frames.get(i).ptsUs())) {
          end++;
        }
        List<GuidedFrame> batch = frames.subList(i, end);
        List<byte[]> pixels = new ArrayList<>();
        List<byte[]> guides = new ArrayList<>();
        for (GuidedFrame frame : batch) {
          pixels.add(bgr(store, frame.image(), sequence));
          guides.add(bgr(store, frame.guide(), sequence));
        }
        busy += System.nanoTime() - started;
        queue.put(new Batch(List.copyOf(batch), pixels, guides));
      }
    } catch (InterruptedException e) {
      return; // closed by the consumer, which reads no more
    } catch (IOException | RuntimeException e) {
      error = e; // bad input, or a bug that take() rethrows with its stack trace
    }
    try {
      queue.put(new End(busy, error));
    } catch (InterruptedException e) {
      // closed by the consumer
    }
  }

  /** The image at {@code uri} as BGR bytes, which must be of the sequence's size. */
  private static byte[] bgr(FileStore store, String uri, GuidedSequence sequence)
      throws IOException {
    byte[] encoded;
    try {
      encoded = store.read(uri);
    } catch (FileNotFoundException e) {
      throw new IOException("Cannot read " + uri + ": it does not exist", e);
    }
    try (Mat image = ImageDecoder.decode(encoded, IMREAD_COLOR, uri)) {
      if (image.cols() != sequence.width() || image.rows() != sequence.height()) {
        throw new IOException(
            "Cannot use "
                + uri
                + ": it is "
                + image.cols()
                + "x"
                + image.rows()
                + ", the sequence's frames are "
                + sequence.width()
                + "x"
                + sequence.height());
      }
      return FrameFeed.bgr(image);
    }
  }
}
