package org.stylepipe.stylizejob;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.video.KeyframeGrid;
import org.stylepipe.video.TimeBase;

/**
 * Decodes a segment on a thread of its own, so that decoding overlaps inference: frames are resized
 * to the task's size, copied out as BGR bytes and handed over in batches through a queue of {@value
 * #CAPACITY} batches. Damaged frames are counted and left out, as in the dataset job. The consumer
 * takes batches until null, then reads the {@link #end()}. A batch never spans two intervals of the
 * video's {@link KeyframeGrid}, so each group of pictures is stylized in the same batches, to the
 * same bytes, however the recording is cut into segments.
 *
 * <p>Whatever ends the decode thread reaches the consumer, so it never waits for a batch that will
 * not come: an {@link IOException} (the recording cannot be read or decoded: bad input, or its
 * store) as it is, anything else (a bug, an {@link Error} such as a native library that fails to
 * load or {@link OutOfMemoryError}) wrapped in a {@link DecodeFailure}, which fails the task.
 */
final class FrameFeed implements AutoCloseable {
  /** Batches decoded ahead of inference. */
  static final int CAPACITY = 2;

  /** A frame's place in the recording. */
  record FrameRef(long index, long ptsUs) {}

  /** Frames of one size, in presentation order, and the time base of their stream. */
  record Batch(List<FrameRef> frames, List<byte[]> pixels, TimeBase timeBase) {}

  /**
   * What decoding found: frames decoded and damaged, the stream's time base (null if no frame
   * decoded), time spent decoding (without waiting for room in the queue), and what stopped it, or
   * null.
   */
  record End(long decoded, long damaged, TimeBase timeBase, long decodeNanos, Throwable error) {}

  /** The decode thread ended with something other than an {@link IOException}: not bad input. */
  static final class DecodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecodeFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final StylizeTask task;
  private final Thread thread;
  private End end;
  private long waitNanos;

  /**
   * Starts decoding {@code task} on a new thread; with {@code injectError} (a test's {@link
   * org.stylepipe.common.FaultInjection#DECODE_ERROR}), the thread throws an {@link Error} after
   * its first frame.
   */
  FrameFeed(
      StylizeTask task,
      Configuration conf,
      int batchSize,
      KeyframeGrid keyframes,
      int decoderThreads,
      boolean injectError) {
    this.task = task;
    thread =
        new Thread(
            () -> decode(conf, batchSize, keyframes, decoderThreads, injectError),
            "stylepipe-decode-" + task.recording().id() + "-" + task.segment().index());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The next batch, or null after the last.
   *
   * @throws IOException the recording could not be read or decoded
   * @throws DecodeFailure the decode thread ended with anything else
   */
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
      if (last.error() != null) {
        throw new DecodeFailure(
            "Cannot decode "
                + task.recording().uri()
                + " in "
                + task.segment()
                + ": the decode thread failed with "
                + last.error(),
            last.error());
      }
      return null;
    }
    return (Batch) item;
  }

  /** How decoding ended; known once {@link #take()} has returned null or thrown. */
  End end() {
    return end;
  }

  /** Time the consumer spent waiting for batches. */
  long waitNanos() {
    return waitNanos;
  }

  /** Stops decoding if it still runs and waits for the thread to release the decoder. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void decode(
      Configuration conf,
      int batchSize,
      KeyframeGrid keyframes,
      int decoderThreads,
      boolean injectError) {
    long busy = 0;
    long decoded = 0;
    long damaged = 0;
    TimeBase timeBase = null;
    Throwable error = null;
    try (SegmentReader reader =
            new SegmentReader(task.recording(), conf, task.segment(), decoderThreads);
        FrameResizer resizer = new FrameResizer(task.width(), task.height(), ResizeMode.STRETCH)) {
      List<FrameRef> frames = new ArrayList<>(batchSize);
      List<byte[]> pixels = new ArrayList<>(batchSize);
      long started = System.nanoTime();
      DecodedFrame frame;
      while ((frame = reader.next()) != null) {
        if (injectError && decoded > 0) {
          throw new FaultInjection.InjectedFault(
              "injected error in the decode thread of "
                  + task.recording().id()
                  + " "
                  + task.segment());
        }
        decoded++;
        if (timeBase == null) {
          timeBase = reader.timeBase();
        }
        if (frame.damaged()) {
          damaged++;
          continue;
        }
        if (!frames.isEmpty()
            && (frames.size() == batchSize
                || !keyframes.sameInterval(frame.ptsUs(), frames.get(0).ptsUs()))) {
          busy += System.nanoTime() - started;
          queue.put(new Batch(List.copyOf(frames), List.copyOf(pixels), timeBase));
          started = System.nanoTime();
          frames.clear();
          pixels.clear();
        }
        frames.add(new FrameRef(frame.index(), frame.ptsUs()));
        pixels.add(bgr(resizer.resize(frame.image())));
      }
      busy += System.nanoTime() - started;
      if (!frames.isEmpty()) {
        queue.put(new Batch(List.copyOf(frames), List.copyOf(pixels), timeBase));
      }
    } catch (InterruptedException e) {
      return; // closed by the consumer, which reads no more
    } catch (Throwable e) { // anything: the consumer must learn that no more batches come
      error = e;
    }
    try {
      queue.put(new End(decoded, damaged, timeBase, busy, error));
    } catch (InterruptedException e) {
      // closed by the consumer
    }
  }

  /** The pixels of an 8-bit BGR image, row after row without padding. */
  static byte[] bgr(Mat image) {
    int row = image.cols() * 3;
    byte[] bytes = new byte[row * image.rows()];
    if (image.isContinuous()) {
      image.data().get(bytes);
    } else {
      for (int y = 0; y < image.rows(); y++) {
        image.ptr(y).get(bytes, y * row, row);
      }
    }
    return bytes;
  }
}
