package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.StylizedCommit;
import org.stylepipe.output.StylizedRow;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.DeviceChoice;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.video.H264Encoder;
import org.stylepipe.video.VideoEncoder;

/**
 * The stylize stage's core for few-shot sequences, free of Spark: carries one {@link GuidedSegment}
 * from its frames and noise guides ({@link ImageFeed}, on a thread of its own) through batched
 * inference, each frame with its own guide, to PNG frames ({@code stylized/<sequence>/frames/}) and
 * an H.264 segment video at the frames' presentation times, then commits the segment by writing its
 * manifest file last ({@link StylizedCommit} in its footer), as {@link SegmentStylizer} does.
 *
 * <p>A frame or guide that cannot be read is bad input: the commit's error, the frames written
 * before it kept, no video. A store that fails while the task writes leaves the segment
 * uncommitted, so a rerun redoes it. Anything else (a bug, the engine failing) fails the task.
 */
public final class GuidedStylizer {
  private final StylizeSettings settings;
  private final OutputLayout layout;
  private final Configuration conf;
  private final ModelFile model;

  /** {@code model} names the model in the manifest. */
  public GuidedStylizer(
      StylizeSettings settings, OutputLayout layout, Configuration conf, ModelFile model) {
    this.settings = settings;
    this.layout = layout;
    this.conf = conf;
    this.model = model;
  }

  /**
   * Stylizes and commits {@code segment} with {@code predictor}, which runs on {@code device}.
   *
   * @throws InterruptedException if the task is cancelled
   */
  public StylizeOutcome process(
      GuidedSegment segment,
      Predictor<FrameBatch, FrameBatch> predictor,
      DeviceChoice device,
      TaskPlace place)
      throws InterruptedException {
    long started = System.nanoTime();
    GuidedSequence sequence = segment.sequence();
    FileStore store = new FileStore(conf);
    List<StylizedRow> rows = new ArrayList<>();
    String videoPath = null;
    Path staged = null;
    VideoEncoder encoder = null;
    long stylized = 0;
    long inferNanos = 0;
    long writeNanos = 0;
    String stage = "read";
    ErrorRow error = null;
    boolean commit = true;
    ImageFeed feed = new ImageFeed(segment, conf, settings.batchSize());
    try (feed;
        ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
        Mat canvas = new Mat(sequence.height(), sequence.width(), opencv_core.CV_8UC3)) {
      if (settings.video()) {
        String path = OutputLayout.stylizedSegmentPath(sequence.name(), segment.index());
        staged = store.stage(layout.resolve(path));
        double rate = segment.frameRate();
        encoder =
            new VideoEncoder(
                H264Encoder.forMode(settings.encoder()),
                staged,
                sequence.width(),
                sequence.height(),
                sequence.timeBase(),
                rate,
                settings.videoRate(sequence.width(), sequence.height(), rate),
                segment.keyframes());
        videoPath = path;
      }
      ImageFeed.Batch batch;
      while ((batch = feed.take()) != null) {
        stage = "stylize";
        long inferStart = System.nanoTime();
        FrameBatch output = stylize(segment, predictor, batch);
        inferNanos += System.nanoTime() - inferStart;
        stage = "write";
        long writeStart = System.nanoTime();
        for (int i = 0; i < batch.frames().size(); i++) {
          GuidedFrame frame = batch.frames().get(i);
          byte[] pixels = output.frames().get(i);
          if (encoder != null) {
            encoder.encode(pixels, frame.ptsUs());
          }
          String path = null;
          if (settings.writeFrames()) {
            path = OutputLayout.stylizedFramePath(sequence.name(), frame.frameIndex());
            canvas.data().put(pixels);
            store.write(layout.resolve(path), png.encode(canvas));
          }
          rows.add(row(segment, StylizedRow.FRAME, frame, 1, path, device));
          stylized++;
        }
        writeNanos += System.nanoTime() - writeStart;
        stage = "read";
      }
      stage = "write";
      if (encoder != null) {
        encoder.finish();
        encoder.close();
        encoder = null;
        store.commit(staged, layout.resolve(videoPath));
        staged = null;
        rows.add(
            row(segment, StylizedRow.SEGMENT, segment.first(), (int) stylized, videoPath, device));
      }
    } catch (IOException e) {
      // Reading: bad input, committed with its error. Writing: the store, not committed.
      commit = stage.equals("read");
      error =
          new ErrorRow(
              sequence.source(),
              sequence.name(),
              stage,
              segment.index(),
              "stopped after "
                  + stylized
                  + " stylized frames: "
                  + SegmentStylizer.describe(e)
                  + (commit ? "" : "; the segment is not committed, a rerun redoes it"));
    } finally {
      if (encoder != null) {
        encoder.close();
      }
      if (staged != null) {
        videoPath = null;
        deleteQuietly(staged);
      }
    }
    StylizedCommit done =
        new StylizedCommit(
            sequence.name(),
            segment.index(),
            videoPath,
            stylized,
            segment.frames().size(),
            stylized,
            device.device(),
            error);
    boolean committed = false;
    if (commit) {
      try {
        store.write(
            layout.manifestPart(sequence.name(), segment.index()),
            StylizedRow.toParquet(rows, done.toMetadata()));
        committed = true;
      } catch (IOException e) {
        done =
            new StylizedCommit(
                sequence.name(),
                segment.index(),
                videoPath,
                stylized,
                segment.frames().size(),
                stylized,
                device.device(),
                new ErrorRow(
                    sequence.source(),
                    sequence.name(),
                    "write",
                    segment.index(),
                    "cannot write the segment's manifest file: "
                        + SegmentStylizer.describe(e)
                        + "; the segment is not committed, a rerun redoes it"));
      }
    }
    return new StylizeOutcome(
        done,
        committed,
        feed.readNanos(),
        feed.waitNanos(),
        inferNanos,
        writeNanos,
        System.nanoTime() - started,
        place);
  }

  /** The stylized batch; the engine failing on frames it was given fails the task. */
  private static FrameBatch stylize(
      GuidedSegment segment, Predictor<FrameBatch, FrameBatch> predictor, ImageFeed.Batch batch) {
    GuidedSequence sequence = segment.sequence();
    try {
      return predictor.predict(
          FrameBatch.of(sequence.width(), sequence.height(), batch.pixels())
              .withGuides(batch.guides()));
    } catch (TranslateException e) {
      throw new IllegalStateException(
          "Cannot stylize segment " + segment.index() + " of " + sequence.name() + ": " + e, e);
    }
  }

  private StylizedRow row(
      GuidedSegment segment,
      String kind,
      GuidedFrame frame,
      int frames,
      String path,
      DeviceChoice device) {
    GuidedSequence sequence = segment.sequence();
    return new StylizedRow(
        sequence.name(),
        sequence.source(),
        kind,
        segment.index(),
        frame.frameIndex(),
        frames,
        frame.ptsUs(),
        sequence.width(),
        sequence.height(),
        0, // the dataset's frames, read as they are
        path,
        model.uri(),
        model.sha256(),
        device.device(),
        device.gpuAddress());
  }

  private static void deleteQuietly(Path staged) {
    try {
      Files.deleteIfExists(staged);
    } catch (IOException e) {
      // A leftover hidden temporary file, unique to this attempt; nothing reads it.
    }
  }
}
