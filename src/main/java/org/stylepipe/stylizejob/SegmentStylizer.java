package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.config.GuideMode;
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
import org.stylepipe.video.KeyframeGrid;
import org.stylepipe.video.TimeBase;
import org.stylepipe.video.VideoEncoder;

/**
 * The stylize stage's core, free of Spark: carries one segment from decode through batched
 * inference to its H.264 segment video (and PNG frames, if asked), then commits the segment by
 * writing its manifest file last ({@link StylizedCommit} in its footer). A {@link FrameFeed}
 * decodes on its own thread while this thread runs the model, so decoding overlaps inference.
 *
 * <p>What becomes of a failure depends on its cause. Bad input (the recording cannot be read or
 * decoded, an {@link IOException} while decoding) is the commit's error: damaged frames are left
 * out, a segment that stops early keeps the frames it wrote but gets no video, and a rerun does not
 * redo it. A store that fails while the task writes leaves the segment uncommitted, with an error
 * the job reports, so a rerun redoes it. Anything else (a bug, the engine failing, an {@link
 * Error}) is thrown, so that the task fails with its stack trace and Spark retries it.
 */
public final class SegmentStylizer {
  /** The videos' keyframes, counted from time zero as the segments are. */
  private static final KeyframeGrid KEYFRAMES = KeyframeGrid.stylized(0);

  private final StylizeSettings settings;
  private final OutputLayout layout;
  private final Configuration conf;
  private final ModelFile model;
  private final FaultInjection faults;

  /** {@code model} names the model in the manifest. */
  public SegmentStylizer(
      StylizeSettings settings, OutputLayout layout, Configuration conf, ModelFile model) {
    this(settings, layout, conf, model, FaultInjection.NONE);
  }

  SegmentStylizer(
      StylizeSettings settings,
      OutputLayout layout,
      Configuration conf,
      ModelFile model,
      FaultInjection faults) {
    this.settings = settings;
    this.layout = layout;
    this.conf = conf;
    this.model = model;
    this.faults = faults;
  }

  /**
   * Stylizes and commits the segment with {@code predictor}, which runs on {@code device}, in a
   * task on {@code place}. The segment video's encoder is opened before the first frame is
   * stylized.
   *
   * @throws IllegalStateException if the node lacks the encoder {@code --encoder} asks for (the
   *     task fails, not just the segment)
   * @throws InterruptedException if the task is cancelled
   */
  public StylizeOutcome process(
      StylizeTask task,
      Predictor<FrameBatch, FrameBatch> predictor,
      DeviceChoice device,
      TaskPlace place)
      throws InterruptedException {
    long started = System.nanoTime();
    String id = task.recording().id();
    int segment = task.segment().index();
    H264Encoder encoder = settings.video() ? H264Encoder.forMode(settings.encoder()) : null;
    Run run = new Run(task, device, encoder);
    String stage = "decode";
    FrameFeed feed =
        new FrameFeed(
            task,
            conf,
            settings.batchSize(),
            KEYFRAMES,
            settings.decoderThreads(),
            faults.breaksDecoding(id, segment));
    ErrorRow error = null;
    boolean commit = true;
    try (feed;
        ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0)) {
      FrameFeed.Batch batch;
      while ((batch = feed.take()) != null) {
        if (settings.video() && run.encoder == null) {
          stage = "write";
          run.openVideo(batch.timeBase());
        }
        stage = "stylize";
        long inferStart = System.nanoTime();
        FrameBatch stylized = stylize(task, predictor, batch);
        run.inferNanos += System.nanoTime() - inferStart;
        if (faults.hasBug(id, segment)) {
          throw new NullPointerException("injected bug in " + id + " " + task.segment());
        }
        stage = "write";
        long writeStart = System.nanoTime();
        run.write(batch, stylized, png);
        run.writeNanos += System.nanoTime() - writeStart;
        stage = "decode";
      }
      stage = "write";
      run.finishVideo();
      error = shortfall(task, feed.end(), run.stylized);
    } catch (IOException e) {
      // Decoding: bad input, committed with its error. Writing: the store, not committed.
      commit = stage.equals("decode");
      error =
          error(
              task,
              stage,
              "stopped after "
                  + run.stylized
                  + " stylized frames: "
                  + describe(e)
                  + (commit ? "" : "; the segment is not committed, a rerun redoes it"));
    } finally {
      run.release();
    }
    FrameFeed.End end = feed.end();
    StylizedCommit done =
        new StylizedCommit(
            id,
            segment,
            run.videoPath,
            end == null ? run.stylized : end.decoded(),
            task.segment().frameCount(),
            run.stylized,
            device.device(),
            error);
    boolean committed = false;
    if (commit) {
      try {
        new FileStore(conf)
            .write(
                layout.manifestPart(id, segment),
                StylizedRow.toParquet(run.rows, done.toMetadata()));
        committed = true;
      } catch (IOException e) {
        done =
            new StylizedCommit(
                id,
                segment,
                done.video(),
                done.framesDecoded(),
                done.framesExpected(),
                done.framesStylized(),
                done.device(),
                error(
                    task,
                    "write",
                    "cannot write the segment's manifest file: "
                        + describe(e)
                        + "; the segment is not committed, a rerun redoes it"));
      }
    }
    return new StylizeOutcome(
        done,
        committed,
        end == null ? 0 : end.decodeNanos(),
        feed.waitNanos(),
        run.inferNanos,
        run.writeNanos,
        System.nanoTime() - started,
        place);
  }

  /**
   * The stylized batch; the engine failing on frames the job decoded is not bad input, so it fails
   * the task.
   */
  private FrameBatch stylize(
      StylizeTask task, Predictor<FrameBatch, FrameBatch> predictor, FrameFeed.Batch batch) {
    try {
      return predictor.predict(input(task, batch));
    } catch (TranslateException e) {
      throw new IllegalStateException(
          "Cannot stylize " + task.recording().uri() + " in " + task.segment() + ": " + e, e);
    }
  }

  private FrameBatch input(StylizeTask task, FrameFeed.Batch batch) {
    FrameBatch frames = FrameBatch.of(task.width(), task.height(), batch.pixels());
    if (settings.guide() == GuideMode.BLACK) {
      return frames.withGuides(
          Collections.nCopies(batch.pixels().size(), new byte[task.width() * task.height() * 3]));
    }
    return frames;
  }

  private static ErrorRow shortfall(StylizeTask task, FrameFeed.End end, long stylized) {
    long expected = task.segment().frameCount();
    if (end.decoded() >= expected && end.damaged() == 0) {
      return null;
    }
    return error(
        task,
        "decode",
        String.format(
            "damaged stream: of the %d frames the container lists, %d did not decode and %d decoded with errors; only"
                + " the %d intact frames were stylized",
            expected, expected - end.decoded(), end.damaged(), stylized));
  }

  /** The exception's class and message, as error rows give them. */
  static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static ErrorRow error(StylizeTask task, String stage, String reason) {
    return new ErrorRow(
        task.recording().uri(), task.recording().id(), stage, task.segment().index(), reason);
  }

  /** The state of one segment's run: its writers and what they wrote. */
  private final class Run {
    private final StylizeTask task;
    private final DeviceChoice device;
    private final H264Encoder codec;
    private final FileStore store = new FileStore(conf);
    private final List<StylizedRow> rows = new ArrayList<>();
    private VideoEncoder encoder;
    private Path staged;
    private String videoPath;
    private Mat canvas;
    private long stylized;
    private FrameFeed.FrameRef first;
    private long inferNanos;
    private long writeNanos;

    Run(StylizeTask task, DeviceChoice device, H264Encoder codec) {
      this.task = task;
      this.device = device;
      this.codec = codec;
    }

    void write(FrameFeed.Batch batch, FrameBatch stylized, ImageEncoder png) throws IOException {
      for (int i = 0; i < batch.frames().size(); i++) {
        FrameFeed.FrameRef frame = batch.frames().get(i);
        byte[] pixels = stylized.frames().get(i);
        if (first == null) {
          first = frame;
        }
        if (settings.video()) {
          encoder.encode(pixels, frame.ptsUs());
        }
        String path = null;
        if (settings.writeFrames()) {
          path = OutputLayout.stylizedFramePath(task.recording().id(), frame.index());
          store.write(layout.resolve(path), png.encode(image(pixels)));
        }
        rows.add(row(StylizedRow.FRAME, frame, 1, path));
        this.stylized++;
      }
    }

    private void openVideo(TimeBase timeBase) throws IOException {
      String path = OutputLayout.stylizedSegmentPath(task.recording().id(), task.segment().index());
      staged = store.stage(layout.resolve(path));
      encoder =
          new VideoEncoder(
              codec,
              staged,
              task.width(),
              task.height(),
              timeBase.forMicros(),
              task.frameRate(),
              task.videoRate(),
              KEYFRAMES);
      videoPath = path;
    }

    private Mat image(byte[] pixels) {
      if (canvas == null) {
        canvas = new Mat(task.height(), task.width(), opencv_core.CV_8UC3);
      }
      canvas.data().put(pixels);
      return canvas;
    }

    void finishVideo() throws IOException {
      if (encoder == null) {
        return;
      }
      encoder.finish();
      encoder.close();
      encoder = null;
      store.commit(staged, layout.resolve(videoPath));
      staged = null;
      rows.add(row(StylizedRow.SEGMENT, first, (int) stylized, videoPath));
    }

    /** Frees native buffers, and removes the incomplete video a failed run leaves. */
    void release() {
      if (canvas != null) {
        canvas.close();
      }
      if (encoder != null) {
        encoder.close();
      }
      if (staged != null) {
        videoPath = null;
        try {
          Files.deleteIfExists(staged);
        } catch (IOException e) {
          // A leftover hidden temporary file, unique to this attempt; nothing reads it.
        }
      }
    }

    private StylizedRow row(String kind, FrameFeed.FrameRef frame, int frames, String path) {
      return new StylizedRow(
          task.recording().id(),
          task.recording().uri(),
          kind,
          task.segment().index(),
          frame.index(),
          frames,
          frame.ptsUs(),
          task.width(),
          task.height(),
          task.rotation(),
          path,
          model.uri(),
          model.sha256(),
          device.device(),
          device.gpuAddress());
    }
  }
}
