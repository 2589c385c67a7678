package org.stylepipe.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.OutputLayout;

/** Writes a job's {@code report.json} and {@code report.html}, each as a whole file. */
public final class ReportFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFiles() {}

  public static void write(JobReport report, OutputLayout layout, FileStore store)
      throws IOException {
    store.write(layout.reportJson(), JSON.writeValueAsBytes(report.toMap()));
    store.write(layout.reportHtml(), ReportPage.render(report).getBytes(StandardCharsets.UTF_8));
    LOG.info("Report written: {}", layout.reportHtml());
  }
}
