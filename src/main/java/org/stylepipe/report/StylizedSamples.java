package org.stylepipe.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.OutputLayout;

/**
 * The stylize job's pictures, decoded on the driver after the job: input and stylized frames paired
 * by presentation time (the stylized video keeps the source's times; without video, by frame index
 * from the PNG frames), for the contact sheet and the looping preview. Frames the decoder reports
 * as damaged are skipped, as the job skips them.
 */
public final class StylizedSamples {
  private static final String INPUT = "input";
  private static final String STYLIZED = "stylized";

  /** Width of each half of the preview, input left and stylized right. */
  static final int PREVIEW_PANE_WIDTH = 160;

  private final OutputLayout layout;
  private final Configuration conf;

  public StylizedSamples(OutputLayout layout, Configuration conf) {
    this.layout = layout;
    this.conf = conf;
  }

  /**
   * About {@code frames} frame pairs spread over {@code segments}: the first frame of each segment
   * picked, or more.
   */
  public ContactSheet sheet(List<StylizedSegment> segments, int frames) throws IOException {
    List<StylizedSegment> ordered = inOrder(segments);
    int[] chosen = EvenSpread.pick(ordered.size(), frames);
    int perSegment = EvenSpread.perGroup(frames, chosen.length);
    List<ContactSheet.Row> rows = new ArrayList<>();
    for (int i : chosen) {
      StylizedSegment segment = ordered.get(i);
      int[] offsets =
          EvenSpread.pick(
              segment.segment().frameCount(), Math.min(perSegment, frames - rows.size()));
      if (offsets.length == 0) {
        break;
      }
      pairs(segment, new Picker(segment, offsets, rows));
    }
    return new ContactSheet(rows.isEmpty() ? List.of() : List.of(INPUT, STYLIZED), rows);
  }

  /**
   * Up to {@code frames} consecutive frame pairs of the first recording, from the middle of its
   * stylized segments, as a looping GIF; null without stylized frames.
   */
  public Preview preview(List<StylizedSegment> segments, int frames) throws IOException {
    List<StylizedSegment> ordered = inOrder(segments);
    if (ordered.isEmpty()) {
      return null;
    }
    String recordingId = ordered.get(0).recording().id();
    List<StylizedSegment> recording =
        ordered.stream().filter(s -> s.recording().id().equals(recordingId)).toList();
    List<BufferedImage> pictures = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    long[] first = {-1};
    for (StylizedSegment segment : recording.subList(recording.size() / 2, recording.size())) {
      pairs(
          segment,
          (frame, stylized) -> {
            BufferedImage right = Thumbnails.scaled(stylized, PREVIEW_PANE_WIDTH);
            BufferedImage left =
                Thumbnails.scaled(frame.image(), right.getWidth(), right.getHeight());
            pictures.add(sideBySide(left, right));
            times.add(frame.ptsUs());
            if (first[0] < 0) {
              first[0] = frame.index();
            }
            return pictures.size() < frames;
          });
      if (pictures.size() >= frames) {
        break;
      }
    }
    if (pictures.isEmpty()) {
      return null;
    }
    BufferedImage picture = pictures.get(0);
    return new Preview(
        recordingId,
        first[0],
        pictures.size(),
        picture.getWidth(),
        picture.getHeight(),
        AnimatedGif.encode(pictures, times));
  }

  /** What sees a frame pair; returns whether it wants the next one. */
  private interface PairVisitor {
    boolean visit(DecodedFrame input, Mat stylized) throws IOException;
  }

  /** Takes the pairs at chosen positions among a segment's intact frames as contact sheet rows. */
  private final class Picker implements PairVisitor {
    private final StylizedSegment segment;
    private final int[] positions;
    private final List<ContactSheet.Row> rows;
    private int seen;
    private int taken;

    Picker(StylizedSegment segment, int[] positions, List<ContactSheet.Row> rows) {
      this.segment = segment;
      this.positions = positions;
      this.rows = rows;
    }

    @Override
    public boolean visit(DecodedFrame input, Mat stylized) {
      if (seen++ == positions[taken]) {
        rows.add(
            new ContactSheet.Row(
                segment.recording().id(),
                input.index(),
                Map.of(
                    INPUT, image(segment.recording().uri(), input.image()),
                    STYLIZED, image(source(segment, input), stylized))));
        taken++;
      }
      return taken < positions.length;
    }
  }

  /**
   * Decodes the segment's input and stylized frames in step and shows each pair to {@code visitor}.
   */
  private void pairs(StylizedSegment segment, PairVisitor visitor) throws IOException {
    try (SegmentReader input = new SegmentReader(segment.recording(), conf, segment.segment(), 1);
        SegmentReader video =
            segment.videoUri() == null
                ? null
                : new SegmentReader(segment.videoUri(), conf, wholeVideo(segment.segment()), 1)) {
      DecodedFrame styled = null;
      DecodedFrame frame;
      while ((frame = input.next()) != null) {
        if (frame.damaged()) {
          continue;
        }
        if (video == null) {
          try (Mat png = png(segment, frame.index())) {
            if (png != null && !visitor.visit(frame, png)) {
              return;
            }
          }
          continue;
        }
        while (styled == null || styled.ptsUs() < frame.ptsUs()) {
          styled = video.next();
          if (styled == null) {
            return;
          }
        }
        if (styled.ptsUs() == frame.ptsUs() && !visitor.visit(frame, styled.image())) {
          return;
        }
      }
    }
  }

  /** A plan that reads a segment video from its start to its end. */
  private static SegmentPlan wholeVideo(SegmentPlan segment) {
    return new SegmentPlan(
        segment.index(),
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        segment.firstFrameIndex(),
        segment.frameCount(),
        segment.firstPtsUs(),
        Long.MIN_VALUE);
  }

  /** The stylized PNG frame, or null if the job wrote none for this frame. */
  private Mat png(StylizedSegment segment, long frameIndex) throws IOException {
    String uri =
        layout.resolve(OutputLayout.stylizedFramePath(segment.recording().id(), frameIndex));
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return Thumbnails.decode(in.readAllBytes(), uri);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private String source(StylizedSegment segment, DecodedFrame frame) {
    String uri =
        segment.videoUri() != null
            ? segment.videoUri()
            : layout.resolve(
                OutputLayout.stylizedFramePath(segment.recording().id(), frame.index()));
    return uri.startsWith(layout.root() + "/") ? uri.substring(layout.root().length() + 1) : uri;
  }

  private static ContactSheet.Image image(String source, Mat frame) {
    BufferedImage small = Thumbnails.scaled(frame, ContactSheet.THUMBNAIL_WIDTH);
    return new ContactSheet.Image(
        source, small.getWidth(), small.getHeight(), Thumbnails.jpeg(small));
  }

  private static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
    BufferedImage both =
        new BufferedImage(
            left.getWidth() + right.getWidth(), left.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = both.createGraphics();
    g.drawImage(left, 0, 0, null);
    g.drawImage(right, left.getWidth(), 0, null);
    g.dispose();
    return both;
  }

  private static List<StylizedSegment> inOrder(List<StylizedSegment> segments) {
    return segments.stream()
        .sorted(
            Comparator.comparing((StylizedSegment s) -> s.recording().id())
                .thenComparingInt(s -> s.segment().index()))
        .toList();
  }
}
