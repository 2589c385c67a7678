package org.stylepipe.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.common.Yuv420;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.decode.FrameScaler;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.report.TaskPlace;

/**
 * The dataset stage's core, free of Spark: carries one segment from decode through sampling,
 * resizing and mirroring to written images, frame by frame, holding one frame at a time.
 *
 * <p>After the images, the task writes the segment's manifest file, listing each image written; a
 * retried task rewrites the same names. A recording that decodes only in part keeps its intact
 * frames: frames that fail to decode or that the decoder reports as damaged are not written, every
 * image written is in the outcome's rows (and so in the manifest), and the outcome's error says how
 * the segment fell short.
 */
public final class SegmentProcessor {
  private final FrameSettings settings;
  private final OutputLayout layout;

  /** {@code failAfterImages} value for a processor that never fails on purpose. */
  static final int NEVER = -1;

  /** Images a doomed attempt ({@link FaultInjection#FAIL}) writes before it dies. */
  static final int IMAGES_BEFORE_FAULT = 3;

  private final Configuration conf;
  private final int failAfterImages;

  public SegmentProcessor(FrameSettings settings, OutputLayout layout, Configuration conf) {
    this(settings, layout, conf, NEVER);
  }

  /**
   * A processor that dies ({@link FaultInjection.InjectedFault}) after writing {@code
   * failAfterImages}.
   */
  SegmentProcessor(
      FrameSettings settings, OutputLayout layout, Configuration conf, int failAfterImages) {
    this.settings = settings;
    this.layout = layout;
    this.conf = conf;
    this.failAfterImages = failAfterImages;
  }

  /** Processes the segment of {@code task}, which runs on {@code place}. */
  public SegmentOutcome process(SegmentTask task, TaskPlace place) {
    long started = System.nanoTime();
    List<ManifestRow> rows = List.of();
    long decoded = 0;
    long damaged = 0;
    ErrorRow error = null;
    FileStore store = new FileStore(conf);
    ImageWriter writer = new ImageWriter(task, store);
    try (writer;
        SegmentReader reader =
            new SegmentReader(
                task.recording(),
                conf,
                task.segment(),
                settings.decoderThreads(),
                FrameScaler.forFormat(
                    settings.format(),
                    settings.width(),
                    settings.height(),
                    settings.resizeMode()))) {
      long previousPts = task.segment().previousPtsUs();
      while (reader.advance()) {
        decoded++;
        if (reader.damaged()) {
          damaged++;
          continue;
        }
        boolean keep = settings.sampling().keeps(reader.index(), reader.ptsUs(), previousPts);
        previousPts = reader.ptsUs();
        if (keep) {
          Mat image = writer.freeImage();
          reader.convertInto(image);
          writer.write(reader.index(), reader.ptsUs(), reader.rotation(), image);
        }
      }
      writer.finish();
      if (decoded < task.segment().frameCount() || damaged > 0) {
        error =
            error(
                task,
                "decode",
                String.format(
                    "damaged stream: of the %d frames the container lists, %d did not decode and %d decoded with"
                        + " errors; only the %d intact frames were written",
                    task.segment().frameCount(),
                    task.segment().frameCount() - decoded,
                    damaged,
                    decoded - damaged));
      }
    } catch (IOException | RuntimeException e) {
      error = error(task, "decode", "stopped after " + decoded + " frames: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while processing " + task.segment(), e);
    } finally {
      rows = writer.rows();
    }
    SegmentCommit commit =
        new SegmentCommit(
            task.recording().id(),
            task.segment().index(),
            rows.size(),
            decoded,
            task.segment().frameCount(),
            error);
    try {
      commit(commit, rows, store);
    } catch (IOException | RuntimeException e) {
      // Not committed: a rerun does the segment again.
      commit =
          new SegmentCommit(
              commit.recordingId(),
              commit.segment(),
              commit.images(),
              commit.framesDecoded(),
              commit.framesExpected(),
              error(task, "write", "cannot write the segment's manifest: " + e.getMessage()));
    }
    return new SegmentOutcome(commit, System.nanoTime() - started, place);
  }

  /**
   * Commits the segment: its manifest file, written after its images so that every image it lists
   * is complete, with the commit's counts and error in the footer.
   */
  private void commit(SegmentCommit commit, List<ManifestRow> rows, FileStore store)
      throws IOException {
    store.write(
        layout.manifestPart(commit.recordingId(), commit.segment()),
        ManifestRow.toParquet(rows, commit.toMetadata()));
  }

  private static ErrorRow error(SegmentTask task, String stage, String reason) {
    return new ErrorRow(
        task.recording().uri(), task.recording().id(), stage, task.segment().index(), reason);
  }

  /**
   * Mirrors, encodes, hashes and writes the kept frames on a thread of its own, so that the task's
   * thread goes on decoding meanwhile, and describes each image written. It owns {@link #BUFFERS}
   * frame buffers, lent out by {@link #freeImage} and given back once written: a segment holds that
   * many frames at most, whatever its length. A failure stops the writing; the task's thread sees
   * it at its next call.
   */
  private final class ImageWriter implements AutoCloseable {
    private static final int BUFFERS = 3;

    private final SegmentTask task;
    private final FileStore store;
    private final BlockingQueue<Mat> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Kept> kept = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final List<ManifestRow> rows = new ArrayList<>();
    private final Thread thread;
    private volatile Throwable failure;
    private int written;

    ImageWriter(SegmentTask task, FileStore store) {
      this.task = task;
      this.store = store;
      for (int i = 0; i < BUFFERS; i++) {
        free.add(new Mat());
      }
      thread =
          new Thread(this::run, "stylepipe-writer " + task.recording().id() + " " + task.segment());
      thread.setDaemon(true);
      thread.start();
    }

    /** A buffer for the next kept frame, once one is free. */
    Mat freeImage() throws IOException, InterruptedException {
      Mat image = free.take();
      rethrowFailure();
      return image;
    }

    /** Hands the frame in {@code image} (from {@link #freeImage}) over to be written. */
    void write(long index, long ptsUs, int rotation, Mat image) throws InterruptedException {
      kept.put(new Kept(index, ptsUs, rotation, image));
    }

    /** Waits until every frame handed over is written. */
    void finish() throws IOException, InterruptedException {
      kept.put(Kept.END);
      thread.join();
      rethrowFailure();
    }

    /** The images written so far (all of them after {@link #finish}). */
    List<ManifestRow> rows() {
      synchronized (rows) {
        return new ArrayList<>(rows);
      }
    }

    private void run() {
      try (FrameMirror mirror = new FrameMirror();
          ImageEncoder encoder = new ImageEncoder(settings.format(), settings.jpegQuality())) {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Kept frame;
        while ((frame = kept.take()) != Kept.END) {
          try {
            if (failure == null) {
              add(write(frame, ManifestRow.ORIGINAL, frame.image(), encoder, sha256));
              if (settings.mirror()) {
                Mat mirrored =
                    Yuv420.is(frame.image())
                        ? mirror.mirrorYuv420(frame.image())
                        : mirror.mirror(frame.image());
                add(write(frame, ManifestRow.MIRRORED, mirrored, encoder, sha256));
              }
            }
          } catch (Throwable e) { // handed to the task's thread, which fails or reports it
            failure = e;
          } finally {
            free.put(frame.image());
          }
        }
      } catch (InterruptedException e) {
        // The task was stopped: close() interrupted this thread.
      } catch (NoSuchAlgorithmException e) {
        failure = new IllegalStateException(e);
      }
    }

    private void add(ManifestRow row) {
      synchronized (rows) {
        rows.add(row);
      }
    }

    private ManifestRow write(
        Kept frame, String variant, Mat image, ImageEncoder encoder, MessageDigest sha256)
        throws IOException {
      if (written++ == failAfterImages) {
        throw new FaultInjection.InjectedFault(
            "injected fault in " + task.recording().id() + " " + task.segment());
      }
      ByteBuffer bytes = encoder.encodeDirect(image);
      int size = bytes.remaining();
      String path =
          OutputLayout.frame(
              task.recording().id(), variant, frame.index(), settings.format().extension());
      sha256.update(bytes.duplicate());
      store.write(layout.resolve(path), bytes);
      return new ManifestRow(
          task.recording().id(),
          task.recording().uri(),
          task.segment().index(),
          frame.index(),
          frame.ptsUs(),
          variant,
          image.cols(),
          Yuv420.height(image),
          frame.rotation(),
          path,
          size,
          HexFormat.of().formatHex(sha256.digest()),
          null);
    }

    private void rethrowFailure() throws IOException {
      Throwable e = failure;
      if (e instanceof IOException io) {
        throw io;
      } else if (e instanceof RuntimeException runtime) {
        throw runtime;
      } else if (e instanceof Error error) {
        throw error;
      } else if (e != null) {
        throw new IllegalStateException(e);
      }
    }

    /** Lets the frames handed over be written, then ends the thread (at once if interrupted). */
    @Override
    public void close() throws InterruptedException {
      try {
        if (thread.isAlive()) {
          kept.put(Kept.END);
          thread.join();
        }
      } finally {
        thread.interrupt();
        free.forEach(Mat::close);
      }
    }
  }

  /** A kept frame on its way to the writer thread; {@link #END} ends the segment. */
  private record Kept(long index, long ptsUs, int rotation, Mat image) {
    static final Kept END = new Kept(-1, Long.MIN_VALUE, 0, null);
  }
}
