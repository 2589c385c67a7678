package org.stylepipe.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;

/**
 * Stage 1: lists the inputs on the driver, then probes every recording in parallel (one small task
 * each) and returns the segment plans. Inputs or recordings that fail come back as error rows.
 */
public final class IngestStage {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

  /** Plans of the recordings that can be decoded, and errors for those that cannot. */
  public record Result(List<RecordingPlan> plans, List<ErrorRow> errors) {
    public Result {
      plans = List.copyOf(plans);
      errors = List.copyOf(errors);
    }
  }

  private IngestStage() {}

  public static Result run(JavaSparkContext jsc, List<String> inputs, PlanRule rule) {
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    InputResolver.Resolved resolved =
        new InputResolver(conf.get(), rule.videoStream()).resolve(inputs);
    List<RecordingPlan> plans = new ArrayList<>();
    List<ErrorRow> errors = new ArrayList<>(resolved.errors());
    if (!resolved.recordings().isEmpty()) {
      jsc.setJobDescription("stylepipe: probe " + resolved.recordings().size() + " recordings");
      List<ProbeResult> results =
          jsc.parallelize(resolved.recordings(), resolved.recordings().size())
              .map(new ProbeFunction(conf, rule))
              .collect();
      for (ProbeResult result : results) {
        if (result.plan() != null) {
          plans.add(result.plan());
          LOG.info("Probed {}", result.plan());
        } else {
          errors.add(result.error());
          LOG.warn("Cannot use {}", result.error());
        }
      }
    }
    return new Result(plans, errors);
  }
}
