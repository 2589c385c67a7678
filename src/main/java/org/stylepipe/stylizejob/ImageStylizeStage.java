package org.stylepipe.stylizejob;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.DeviceMode;
import org.stylepipe.config.GuideMode;
import org.stylepipe.config.KeyframeStylizeSettings;
import org.stylepipe.report.RunLog;
import org.stylepipe.stylize.EngineChoice;

/**
 * The stylize machinery for still images, as the train job uses it to make its teacher's targets: a
 * 3-channel model, checked on the driver, stylizes images into PNG files on the executors ({@link
 * KeyframeStylizeFunction}, a batch of images per inference, the model loaded once per executor on
 * the task's device), keeping outputs an earlier run wrote.
 */
public final class ImageStylizeStage {
  private static final int IMAGES_PER_TASK = 32;
  private static final String STAGE = "teacher";

  /** An image to stylize and where its PNG output goes, both URIs. */
  public record Item(String input, String output) implements Serializable {}

  /**
   * What the stage did: images stylized, and kept from an earlier run; the tasks' errors.
   *
   * @param seconds the stage's wall time
   */
  public record Result(int stylized, int kept, double seconds, List<ErrorRow> errors) {}

  private ImageStylizeStage() {}

  /**
   * Reads and checks the model on the driver ({@link ModelCheck}), loading it on the CPU.
   *
   * @param role names the model and its option in error messages: "Cannot load teacher FILE: reason
   *     (--teacher)"
   * @throws IllegalArgumentException naming the model file and the reason, for any failure to read
   *     or load it
   */
  public static ShippedModel check(String model, Configuration hadoop, int threads, String role) {
    try {
      return ModelCheck.load(
          model, hadoop, null, false, GuideMode.NONE, threads, "none", EngineChoice.BY_FORMAT);
    } catch (RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      String prefix = "Cannot load model " + model + ": ";
      throw new JobRefusedException(
          "Cannot load "
              + role
              + " "
              + model
              + ": "
              + (reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason)
              + " (--"
              + role
              + ")",
          e);
    }
  }

  /**
   * Ships the model and stylizes {@code items} on the executors, {@value #IMAGES_PER_TASK} per
   * task; records the stage and its tasks in {@code log} as {@value #STAGE}.
   */
  public static Result run(
      JavaSparkContext jsc,
      ShippedModel model,
      int batchSize,
      DeviceMode device,
      List<Item> items,
      RunLog log) {
    long started = System.nanoTime();
    List<KeyframeTask> tasks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += IMAGES_PER_TASK) {
      List<KeyframeTask.Keyframe> images = new ArrayList<>();
      for (int k = i; k < Math.min(items.size(), i + IMAGES_PER_TASK); k++) {
        images.add(
            new KeyframeTask.Keyframe(k, items.get(k).input(), null, items.get(k).output(), null));
      }
      tasks.add(new KeyframeTask("images-" + i, items.get(i).input(), images));
    }
    KeyframeStylizeSettings settings =
        new KeyframeStylizeSettings(GuideMode.NONE, batchSize, device, true, false, false);
    model.ship(jsc);
    List<KeyframeOutcome> outcomes =
        tasks.isEmpty()
            ? List.of()
            : jsc.parallelize(tasks, tasks.size())
                .map(
                    new KeyframeStylizeFunction(
                        settings, model, new HadoopConf(jsc.hadoopConfiguration())))
                .collect();
    int stylized = 0;
    int kept = 0;
    List<ErrorRow> errors = new ArrayList<>();
    for (KeyframeOutcome outcome : outcomes) {
      stylized += outcome.stylized();
      kept += outcome.kept();
      log.task(STAGE, outcome.place(), outcome.stylized(), outcome.nanos());
      if (outcome.error() != null) {
        errors.add(outcome.error());
      }
    }
    log.stage(
        STAGE,
        started,
        stylized,
        Map.of(
            "stylized",
            (long) stylized,
            "kept",
            (long) kept,
            "failed_tasks",
            (long) errors.size()));
    return new Result(stylized, kept, (System.nanoTime() - started) / 1e9, errors);
  }
}
