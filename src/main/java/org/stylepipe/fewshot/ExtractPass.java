package org.stylepipe.fewshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.guides.DisFlow;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowFile;
import org.stylepipe.guides.KeyframeSelector;
import org.stylepipe.guides.MaskMaker;
import org.stylepipe.guides.MaskMode;
import org.stylepipe.ingest.KeptFrames;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.GuideColumns;
import org.stylepipe.output.ImageEncoder;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;

/**
 * The first few-shot pass, free of Spark: carries one segment from decode to the files of its
 * frames in both sequences (original and mirrored): the frame, its mask and its optical flows in
 * {@code _gen}, and for keyframes the frame and mask again in {@code _train}. It decodes the
 * segment's lead-in and lead-out frames too ({@link KeptFrames}), so the flows and scene changes at
 * its edges, and a background model's state, are those of a sequential run; frames never leave the
 * task.
 *
 * <p>The segment is committed by its staging manifest file, written last: its rows (without noise
 * guides) and, in the footer, its keyframes and the frames whose flow to the next frame is missing
 * (damaged frames), which the tracking pass must not cross. Frames that do not decode intact are
 * not written, as in the dataset job.
 */
public final class ExtractPass {
  private final FrameSettings frames;
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final Configuration conf;

  public ExtractPass(
      FrameSettings frames, GuideSettings guides, OutputLayout layout, Configuration conf) {
    this.frames = frames;
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
  }

  public SegmentCommit process(SequenceTask task) {
    Run run = new Run(task);
    ErrorRow error = null;
    try {
      if (task.segment().kept().count() > 0) {
        run.decode();
      }
      error = run.shortfall();
    } catch (IOException | RuntimeException e) {
      error =
          Passes.error(
              task, "decode", "stopped after " + run.decoded + " frames: " + e.getMessage());
    }
    SegmentCommit commit =
        new SegmentCommit(
            task.recording().id(),
            task.segment().index(),
            run.rows.size(),
            run.decoded,
            task.segment().frameCount(),
            error,
            run.keys,
            run.flowBreaks());
    try {
      run.store.write(
          layout.fewShotStagingPart(commit.recordingId(), commit.segment()),
          ManifestRow.toParquet(run.finishedRows(), commit.toMetadata()));
    } catch (IOException | RuntimeException e) {
      commit =
          commit.withError(
              Passes.error(
                  task, "write", "cannot write the segment's staging manifest: " + e.getMessage()));
    }
    return commit;
  }

  /** The state of one segment's pass. */
  private final class Run {
    private final SequenceTask task;
    private final Sequences sequences;
    private final KeptFrames kept;
    private final FileStore store = new FileStore(conf);
    private final SequenceWriter writer;
    private final FlowLocations flows;
    private final List<ManifestRow> rows = new ArrayList<>();
    private final List<Integer> keys = new ArrayList<>();
    private final Set<Integer> forwardWritten = new HashSet<>();
    private final Set<Integer> backwardWritten = new HashSet<>();
    private long decoded;
    private long damaged;

    Run(SequenceTask task) {
      this.task = task;
      this.sequences = task.sequences(frames.mirror());
      this.kept = task.segment().kept();
      this.writer = new SequenceWriter(task, layout, store);
      this.flows =
          new FlowLocations(
              sequences.original(), task.recording().id(), layout, guides.flowFiles());
    }

    void decode() throws IOException {
      SegmentPlan plan = task.segment().withLeadFrames();
      MaskMode mode = guides.mask().mode();
      try (SegmentReader reader =
              new SegmentReader(task.recording(), conf, plan, frames.decoderThreads());
          CompanionMasks companions =
              task.maskTrack() == null
                  ? null
                  : new CompanionMasks(task.maskTrack(), conf, plan, frames);
          FrameResizer resizer =
              new FrameResizer(frames.width(), frames.height(), frames.resizeMode());
          FrameMirror mirror = new FrameMirror();
          ImageEncoder png = new ImageEncoder(ImageFormat.PNG, 0);
          MaskMaker masks = new MaskMaker(guides.mask())) {
        DisFlow flow = new DisFlow(guides.flowPreset());
        KeyframeSelector selector = new KeyframeSelector(guides.keyframes());
        int number = Math.toIntExact(kept.before() - kept.leadInFrames());
        long previousPts = plan.previousPtsUs();
        boolean gap = false;
        DecodedFrame frame;
        try {
          while ((frame = reader.next()) != null) {
            boolean inSegment = task.segment().contains(frame.ptsUs());
            if (inSegment) {
              decoded++;
            }
            boolean keep = frames.sampling().keeps(frame.index(), frame.ptsUs(), previousPts);
            previousPts = frame.ptsUs();
            Mat companion = companions == null ? null : companions.frameFor(frame, keep);
            if (!keep) {
              continue;
            }
            number++;
            boolean own = number >= kept.firstNumber() && number <= kept.lastNumber();
            if (frame.damaged()) {
              if (inSegment) {
                damaged++;
              }
              flow.close();
              flow = new DisFlow(guides.flowPreset()); // no flow across a missing frame
              gap = true;
              continue;
            }
            Mat image = resizer.resize(frame.image());
            Mat mask = own || mode == MaskMode.BACKGROUND ? masks.make(image, companion) : null;
            DisFlow.Pair pair = flow.next(image);
            if (pair != null) {
              writeFlows(number, pair, own);
            }
            if (!own) {
              if (number < kept.firstNumber()) {
                selector.startAfter(number, image);
              }
              gap = false;
              continue;
            }
            boolean key =
                gap ? selector.isKeyAfterGap(number, image) : selector.isKey(number, image);
            gap = false;
            if (key) {
              keys.add(number);
            }
            writeFrame(
                frame, number, key, png.encode(image), png.encode(mask), ManifestRow.ORIGINAL);
            if (sequences.mirrored() != null) {
              byte[] mirroredImage = png.encode(mirror.mirror(image));
              writeFrame(
                  frame,
                  number,
                  key,
                  mirroredImage,
                  png.encode(mirror.mirror(mask)),
                  ManifestRow.MIRRORED);
            }
          }
        } finally {
          flow.close();
        }
      }
    }

    /**
     * Writes the forward flow of {@code number} (if in the segment) and the backward flow of the
     * frame before.
     */
    private void writeFlows(int number, DisFlow.Pair pair, boolean own) throws IOException {
      int before = number - 1;
      boolean mirrored = sequences.mirrored() != null && guides.flowFiles();
      if (own) {
        store.write(flows.forward(number), FlowFile.encode(pair.forward()));
        forwardWritten.add(number);
        if (mirrored) {
          writeMirrored(sequences.mirrored().flowForward(number), pair.forward());
        }
      }
      if (before >= kept.firstNumber() && before <= kept.lastNumber()) {
        store.write(flows.backward(before), FlowFile.encode(pair.backward()));
        backwardWritten.add(before);
        if (mirrored) {
          writeMirrored(sequences.mirrored().flowBackward(before), pair.backward());
        }
      }
    }

    private void writeMirrored(String path, FlowField flow) throws IOException {
      writer.write(path, FlowFile.encode(flow.mirrored()));
    }

    private void writeFrame(
        DecodedFrame frame, int number, boolean key, byte[] image, byte[] mask, String variant)
        throws IOException {
      FewShotLayout sequence = sequences.forVariant(variant);
      String maskPath = sequence.genMask(number);
      writer.write(maskPath, mask);
      if (key) {
        writer.write(sequence.trainInput(number), image);
        writer.write(sequence.trainMask(number), mask);
      }
      GuideColumns columns =
          SequenceWriter.columns(sequence.sequence(), sequence.frameCount(), number, key, maskPath);
      rows.add(
          writer.writeFrame(
              frame,
              variant,
              frames.width(),
              frames.height(),
              sequence.genInput(number),
              image,
              columns));
    }

    /** The rows with the paths of the flows the segment wrote into the layout. */
    List<ManifestRow> finishedRows() {
      if (!guides.flowFiles()) {
        return rows;
      }
      List<ManifestRow> finished = new ArrayList<>();
      for (ManifestRow row : rows) {
        GuideColumns g = row.guides();
        FewShotLayout sequence = sequences.forVariant(row.variant());
        finished.add(
            row.withGuides(
                new GuideColumns(
                    g.sequence(),
                    g.sequenceLength(),
                    g.number(),
                    g.keyframe(),
                    g.maskPath(),
                    forwardWritten.contains(g.number()) ? sequence.flowForward(g.number()) : null,
                    backwardWritten.contains(g.number()) ? sequence.flowBackward(g.number()) : null,
                    g.noisePaths())));
      }
      return finished;
    }

    /**
     * Frames n of the segment whose link to frame n + 1 lacks a flow, in either direction: the
     * tracking pass stops there.
     */
    List<Integer> flowBreaks() {
      Set<Integer> breaks = new TreeSet<>();
      for (long n = kept.firstNumber(); n <= kept.lastNumber(); n++) {
        int number = (int) n;
        if (number > 1 && !forwardWritten.contains(number)) {
          breaks.add(number - 1);
        }
        if (number < task.length() && !backwardWritten.contains(number)) {
          breaks.add(number);
        }
      }
      return List.copyOf(breaks);
    }

    ErrorRow shortfall() {
      int expected = task.segment().frameCount();
      if (kept.count() == 0 || decoded >= expected && damaged == 0) {
        return null;
      }
      return Passes.error(
          task,
          "decode",
          String.format(
              "damaged stream: of the %d frames the container lists, %d"
                  + " did not decode and %d decoded with errors; only the intact frames were written",
              expected, expected - decoded, damaged));
    }
  }
}
