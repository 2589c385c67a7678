package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.guides.MaskMode;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.ProbeFunction;
import org.stylepipe.ingest.ProbeResult;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;

/**
 * Finds each recording's {@link MaskTrack} ({@code --mask track}) on the driver and checks it
 * against the recording before any frame is decoded: a companion recording {@code NAME.mask.EXT}
 * must list as many frames of the same size (probed like the recordings, one small task each), a
 * folder {@code NAME.mask/} as many images {@code 00000000.png}… of the same size. A recording
 * whose track is missing or does not match fails alone, with an error naming the track.
 */
final class MaskTracks {
  private static final long WHOLE_RECORDING_US = 3_600_000_000L * 24;

  private MaskTracks() {}

  /** The tracks of the recordings that have a matching one; an error row for each of the others. */
  static Map<String, MaskTrack> resolve(
      JavaSparkContext jsc, List<RecordingPlan> plans, List<ErrorRow> errors) throws IOException {
    Configuration conf = jsc.hadoopConfiguration();
    Map<String, MaskTrack> tracks = new HashMap<>();
    List<Recording> videos = new ArrayList<>();
    Map<String, RecordingPlan> byId = new HashMap<>();
    for (RecordingPlan plan : plans) {
      String id = plan.recording().id();
      byId.put(id, plan);
      Path video = new Path(MaskMode.companionOf(plan.recording().uri()));
      Path folder = new Path(folderOf(plan.recording().uri()));
      FileSystem fs = video.getFileSystem(conf);
      FileStatus videoStatus = status(fs, video);
      FileStatus folderStatus = status(fs, folder);
      if (videoStatus != null && videoStatus.isFile()) {
        videos.add(new Recording(id, video.toString()));
      } else if (folderStatus != null && folderStatus.isDirectory()) {
        String problem = checkFolder(fs, folder, plan, conf);
        if (problem == null) {
          tracks.put(id, new MaskTrack(folder.toString(), true));
        } else {
          errors.add(error(plan, problem));
        }
      } else {
        errors.add(
            error(
                plan,
                "Cannot find the mask track of "
                    + plan.recording().uri()
                    + ": neither "
                    + video
                    + " nor a folder "
                    + folder
                    + " exists (see --mask track)"));
      }
    }
    if (!videos.isEmpty()) {
      jsc.setJobDescription("stylepipe: probe " + videos.size() + " mask tracks");
      for (ProbeResult probed :
          jsc.parallelize(videos, videos.size())
              .map(new ProbeFunction(new HadoopConf(conf), PlanRule.segments(WHOLE_RECORDING_US)))
              .collect()) {
        String id =
            probed.plan() != null ? probed.plan().recording().id() : probed.error().recordingId();
        RecordingPlan plan = byId.get(id);
        String uri =
            probed.plan() != null ? probed.plan().recording().uri() : probed.error().source();
        String problem =
            probed.plan() == null
                ? "Cannot use mask track " + uri + ": " + probed.error().reason()
                : mismatch(
                    uri,
                    probed.plan().frameCount(),
                    probed.plan().width(),
                    probed.plan().height(),
                    plan);
        if (problem == null) {
          tracks.put(id, new MaskTrack(uri, false));
        } else {
          errors.add(error(plan, problem));
        }
      }
    }
    return tracks;
  }

  private static String checkFolder(
      FileSystem fs, Path folder, RecordingPlan plan, Configuration conf) throws IOException {
    FileStatus[] images =
        Arrays.stream(fs.listStatus(folder))
            .filter(f -> f.getPath().getName().matches("\\d{8}\\.png"))
            .sorted((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()))
            .toArray(FileStatus[]::new);
    if (images.length == 0) {
      return mismatch(folder.toString(), 0, 0, 0, plan);
    }
    String first = images[0].getPath().toString();
    try (Mat image =
        ImageDecoder.decode(new FileStore(conf).read(first), IMREAD_UNCHANGED, first)) {
      return mismatch(folder.toString(), images.length, image.cols(), image.rows(), plan);
    } catch (IllegalArgumentException e) {
      return "Cannot use mask track " + folder + ": " + e.getMessage();
    }
  }

  private static FileStatus status(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static String mismatch(
      String track, long frames, int width, int height, RecordingPlan plan) {
    if (frames != plan.frameCount()) {
      return String.format(
          "Cannot use mask track %s: it has %d frames, the recording %s has %d",
          track, frames, plan.recording().uri(), plan.frameCount());
    }
    if (width != plan.width() || height != plan.height()) {
      return String.format(
          "Cannot use mask track %s: its frames are %dx%d, the recording's %dx%d",
          track, width, height, plan.width(), plan.height());
    }
    return null;
  }

  /** {@code a/run1.mp4} gives {@code a/run1.mask}. */
  private static String folderOf(String recording) {
    String video = MaskMode.companionOf(recording);
    return video.substring(0, video.lastIndexOf(".mask") + ".mask".length());
  }

  private static ErrorRow error(RecordingPlan plan, String reason) {
    return new ErrorRow(plan.recording().uri(), plan.recording().id(), "mask", -1, reason);
  }
}
