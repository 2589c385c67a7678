package org.stylepipe.stylizejob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.StylizedRow;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.video.VideoJoiner;

/**
 * Executor function: joins one recording's segment videos into its stylized video by packet copy,
 * with the source's audio; the file is written locally first and then put in place, then the
 * video's manifest file. A segment video or store that cannot be read or written is an error row
 * (with the exception's class); anything else fails the task.
 */
public final class JoinFunction implements Function<JoinTask, JoinOutcome> {
  private static final long serialVersionUID = 1L;

  private final OutputLayout layout;
  private final HadoopConf conf;
  private final ModelFile model;

  public JoinFunction(OutputLayout layout, HadoopConf conf, ModelFile model) {
    this.layout = layout;
    this.conf = conf;
    this.model = model;
  }

  @Override
  public JoinOutcome call(JoinTask task) {
    long started = System.nanoTime();
    String id = task.recording().id();
    String path = OutputLayout.stylizedVideoPath(id);
    FileStore store = new FileStore(conf.get());
    Path staged = null;
    try {
      staged = store.stage(layout.resolve(path));
      VideoJoiner.Result result =
          new VideoJoiner(conf.get())
              .join(
                  task.segmentVideos().stream().map(layout::resolve).toList(),
                  task.copyAudio() ? task.recording().uri() : null,
                  staged);
      store.commit(staged, layout.resolve(path));
      StylizedRow row =
          new StylizedRow(
              id,
              task.recording().uri(),
              StylizedRow.VIDEO,
              -1,
              task.firstFrameIndex(),
              Math.toIntExact(result.videoPackets()),
              task.firstPtsUs(),
              task.width(),
              task.height(),
              task.rotation(),
              path,
              model.uri(),
              model.sha256(),
              null,
              null);
      store.write(
          layout.manifestVideo(id), StylizedRow.toParquet(List.of(row), java.util.Map.of()));
      ErrorRow audio =
          result.audioSkipped() == null
              ? null
              : error(task, "the stylized video has no sound: " + result.audioSkipped());
      return new JoinOutcome(row, audio, System.nanoTime() - started, TaskPlace.current());
    } catch (IOException e) {
      deleteQuietly(staged);
      return new JoinOutcome(
          null,
          error(task, "cannot join the segment videos: " + SegmentStylizer.describe(e)),
          System.nanoTime() - started,
          TaskPlace.current());
    }
  }

  private static ErrorRow error(JoinTask task, String reason) {
    return new ErrorRow(task.recording().uri(), task.recording().id(), "join", -1, reason);
  }

  private static void deleteQuietly(Path staged) {
    if (staged != null) {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException e) {
        // A leftover temporary file, unique to this attempt; nothing reads it.
      }
    }
  }
}
