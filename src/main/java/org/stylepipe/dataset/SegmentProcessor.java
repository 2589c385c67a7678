package org.stylepipe.dataset;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.decode.DecodedFrame;
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
    List<ManifestRow> rows = new ArrayList<>();
    long decoded = 0;
    long damaged = 0;
    ErrorRow error = null;
    FileStore store = new FileStore(conf);
    try (SegmentReader reader =
            new SegmentReader(
                task.recording().uri(), conf, task.segment(), settings.decoderThreads());
        FrameResizer resizer =
            new FrameResizer(settings.width(), settings.height(), settings.resizeMode());
        FrameMirror mirror = new FrameMirror();
        ImageEncoder encoder = new ImageEncoder(settings.format(), settings.jpegQuality())) {
      Writer writer = new Writer(task, encoder, store);
      long previousPts = task.segment().previousPtsUs();
      DecodedFrame frame;
      while ((frame = reader.next()) != null) {
        decoded++;
        if (frame.damaged()) {
          damaged++;
          continue;
        }
        boolean keep = settings.sampling().keeps(frame.index(), frame.ptsUs(), previousPts);
        previousPts = frame.ptsUs();
        if (keep) {
          Mat image = resizer.resize(frame.image());
          rows.add(writer.write(frame, ManifestRow.ORIGINAL, image));
          if (settings.mirror()) {
            rows.add(writer.write(frame, ManifestRow.MIRRORED, mirror.mirror(image)));
          }
        }
      }
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

  /** Encodes, writes and describes one image. */
  private final class Writer {
    private final SegmentTask task;
    private final ImageEncoder encoder;
    private final FileStore store;
    private final MessageDigest sha256;
    private int written;

    Writer(SegmentTask task, ImageEncoder encoder, FileStore store) {
      this.task = task;
      this.encoder = encoder;
      this.store = store;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    ManifestRow write(DecodedFrame frame, String variant, Mat image) throws IOException {
      if (written++ == failAfterImages) {
        throw new FaultInjection.InjectedFault(
            "injected fault in " + task.recording().id() + " " + task.segment());
      }
      byte[] bytes = encoder.encode(image);
      String path =
          OutputLayout.frame(
              task.recording().id(), variant, frame.index(), settings.format().extension());
      store.write(layout.resolve(path), bytes);
      return new ManifestRow(
          task.recording().id(),
          task.recording().uri(),
          task.segment().index(),
          frame.index(),
          frame.ptsUs(),
          variant,
          image.cols(),
          image.rows(),
          path,
          bytes.length,
          HexFormat.of().formatHex(sha256.digest(bytes)),
          null);
    }
  }
}
