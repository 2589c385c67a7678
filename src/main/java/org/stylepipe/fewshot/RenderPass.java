package org.stylepipe.fewshot;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.guides.GaussRenderer;
import org.stylepipe.guides.NoiseVariant;
import org.stylepipe.guides.PointTracks;
import org.stylepipe.guides.TrackFile;
import org.stylepipe.ingest.KeptFrames;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;

/**
 * The third few-shot pass, free of Spark: draws the noise guides of one segment's frames from the
 * tracks of the keys that cover them, sliced to the segment, into {@code _gen} (and {@code _train}
 * for keyframes); the mirrored sequence gets the mirrored images, which is what its mirrored flow
 * would advect. Then it commits the segment: its manifest file, the staging rows with their noise
 * guides' paths, written last.
 */
public final class RenderPass {
  private final FrameSettings frames;
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final Configuration conf;

  public RenderPass(
      FrameSettings frames, GuideSettings guides, OutputLayout layout, Configuration conf) {
    this.frames = frames;
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
  }

  public SegmentCommit process(RenderTask task) {
    SequenceTask sequence = task.sequence();
    String recordingId = sequence.recording().id();
    String staging = layout.fewShotStagingPart(recordingId, sequence.segment().index());
    SegmentCommit staged;
    List<ManifestRow> rows;
    try {
      staged = SegmentCommit.read(recordingId, sequence.segment().index(), new Path(staging), conf);
      rows = ManifestRow.readAll(staging, recordingId, conf);
    } catch (IOException | RuntimeException e) {
      return new SegmentCommit(
          recordingId,
          sequence.segment().index(),
          0,
          0,
          sequence.segment().frameCount(),
          Passes.error(
              sequence,
              "render",
              "cannot read the first pass's staging manifest: " + e.getMessage()));
    }
    FileStore store = new FileStore(conf);
    SegmentCommit commit = staged;
    List<ManifestRow> finished;
    try {
      finished = render(sequence, rows, tracks(task, store), store);
    } catch (IOException | RuntimeException e) {
      commit =
          staged.withError(
              Passes.error(sequence, "render", "cannot draw the noise guides: " + e.getMessage()));
      finished = List.of();
    }
    SegmentCommit written =
        new SegmentCommit(
            recordingId,
            commit.segment(),
            finished.size(),
            commit.framesDecoded(),
            commit.framesExpected(),
            commit.error(),
            commit.keyframes(),
            commit.flowBreaks());
    try {
      store.write(
          layout.manifestPart(recordingId, commit.segment()),
          ManifestRow.toParquet(finished, written.toMetadata()));
    } catch (IOException | RuntimeException e) {
      return written.withError(
          Passes.error(
              sequence, "write", "cannot write the segment's manifest: " + e.getMessage()));
    }
    return written;
  }

  /** The tracks of the task's keys by radius, sliced to the segment's frames. */
  private Map<String, List<PointTracks>> tracks(RenderTask task, FileStore store)
      throws IOException {
    KeptFrames kept = task.sequence().segment().kept();
    Map<String, List<PointTracks>> byRadius = new HashMap<>();
    for (RenderTask.TrackRef ref : task.tracks()) {
      PointTracks tracks;
      try {
        tracks =
            TrackFile.decode(
                store.read(
                    layout.tracks(task.sequence().recording().id(), ref.radiusName(), ref.key())));
      } catch (FileNotFoundException e) {
        continue; // the tracking pass failed for this key and reported it: its points are not drawn
      }
      if (tracks.overlaps((int) kept.firstNumber(), (int) kept.lastNumber())) {
        byRadius
            .computeIfAbsent(ref.radiusName(), r -> new ArrayList<>())
            .add(tracks.slice((int) kept.firstNumber(), (int) kept.lastNumber()));
      }
    }
    return byRadius;
  }

  private List<ManifestRow> render(
      SequenceTask task,
      List<ManifestRow> rows,
      Map<String, List<PointTracks>> tracks,
      FileStore store)
      throws IOException {
    Sequences sequences = task.sequences(frames.mirror());
    Map<Integer, Boolean> keys = new TreeMap<>();
    for (ManifestRow row : rows) {
      keys.put(row.guides().number(), row.guides().keyframe());
    }
    List<GaussRenderer> renderers = new ArrayList<>();
    for (NoiseVariant variant : guides.noise()) {
      renderers.add(new GaussRenderer(frames.width(), frames.height(), variant.sigma()));
    }
    try (Mat image = new Mat();
        FrameMirror mirror = new FrameMirror();
        ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0)) {
      for (Map.Entry<Integer, Boolean> frame : keys.entrySet()) {
        for (int v = 0; v < renderers.size(); v++) {
          NoiseVariant variant = guides.noise().get(v);
          renderers
              .get(v)
              .render(
                  tracks.getOrDefault(Passes.radiusName(variant.radius()), List.of()),
                  frame.getKey(),
                  image);
          write(
              sequences.original(),
              variant,
              frame.getKey(),
              frame.getValue(),
              png.encode(image),
              store);
          if (sequences.mirrored() != null) {
            write(
                sequences.mirrored(),
                variant,
                frame.getKey(),
                frame.getValue(),
                png.encode(mirror.mirror(image)),
                store);
          }
        }
      }
    }
    List<ManifestRow> finished = new ArrayList<>();
    for (ManifestRow row : rows) {
      FewShotLayout sequence = sequences.forVariant(row.variant());
      Map<String, String> noise = new LinkedHashMap<>();
      for (NoiseVariant variant : guides.noise()) {
        noise.put(variant.name(), sequence.genNoise(variant, row.guides().number()));
      }
      finished.add(row.withGuides(row.guides().withNoise(noise)));
    }
    return finished;
  }

  private void write(
      FewShotLayout sequence,
      NoiseVariant variant,
      int number,
      boolean key,
      byte[] png,
      FileStore store)
      throws IOException {
    store.write(layout.resolve(sequence.genNoise(variant, number)), png);
    if (key) {
      store.write(layout.resolve(sequence.trainNoise(variant, number)), png);
    }
  }
}
