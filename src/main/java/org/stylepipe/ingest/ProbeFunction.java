package org.stylepipe.ingest;

import org.apache.spark.api.java.function.Function;
import org.stylepipe.common.HadoopConf;

/**
 * Executor function: probes one recording and plans its segments; a failure becomes an error
 * result.
 */
public final class ProbeFunction implements Function<Recording, ProbeResult> {
  private static final long serialVersionUID = 1L;

  private final HadoopConf conf;
  private final PlanRule rule;

  public ProbeFunction(HadoopConf conf, PlanRule rule) {
    this.conf = conf;
    this.rule = rule;
  }

  @Override
  public ProbeResult call(Recording recording) {
    try {
      return ProbeResult.of(new RecordingProbe(conf.get(), rule).probe(recording));
    } catch (Exception e) {
      return ProbeResult.failed(recording, String.valueOf(e.getMessage()));
    }
  }
}
