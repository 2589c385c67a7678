package org.stylepipe.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.flicker.FlickerSeries;

/**
 * Renders a {@link JobReport} as one self-contained HTML page: inline CSS and SVG, pictures as data
 * URIs, no script and no external URL (its Content-Security-Policy forbids loading anything else),
 * so it opens from disk or from object storage without a server.
 */
public final class ReportPage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,sans-serif;color:#1d2330;margin:0;background:#f6f7f9}
      main{max-width:1180px;margin:0 auto;padding:24px}
      h1{font-size:22px;margin:0 0 4px}h3{font-size:14px;margin:14px 0 2px}
      h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9dde3;padding-bottom:4px}
      .meta{color:#5b6472}.status{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;color:#fff}
      .ok{background:#2f855a}.failed{background:#c53030}
      table{border-collapse:collapse;background:#fff;margin:6px 0}
      th,td{border:1px solid #d9dde3;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#eef0f3;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
      code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
      .sheet td{padding:3px;text-align:center}.sheet img{display:block}.sheet .label{text-align:left;white-space:nowrap}
      .empty{color:#9aa1ad}.note{color:#5b6472}
      svg.chart{background:#fff;border:1px solid #d9dde3;margin:6px 0;display:block}
      svg text{font:12px system-ui,sans-serif;fill:#1d2330}svg .tick{fill:#5b6472}
      svg.bars rect{fill:#3b6ea5}svg .grid{stroke:#e3e6ea}
      svg path{fill:none;stroke-width:1.5}svg .input{stroke:#8a8f98}svg .output{stroke:#d1495b}
      svg line.input,svg line.output{stroke-width:3}
      svg .loss{stroke:#1d2330}svg .pixel{stroke:#3b6ea5}svg .temporal{stroke:#d1495b}
      svg circle.validation{fill:#2f855a}svg line.loss,svg line.pixel,svg line.temporal{stroke-width:3}
      """;

  private final JobReport report;
  private final StringBuilder html = new StringBuilder();

  private ReportPage(JobReport report) {
    this.report = report;
  }

  public static String render(JobReport report) {
    return new ReportPage(report).page();
  }

  private String page() {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
        .append(" style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(text("stylepipe " + report.job() + " report: " + report.output()))
        .append("</title>")
        .append("<style>")
        .append(STYLE)
        .append("</style></head><body><main>");
    header();
    inputs();
    keyValues("Totals", report.totals());
    stages();
    executors();
    errors();
    if (report.training() != null) {
      training(report.training());
    }
    contactSheet();
    if (report.video() != null) {
      flicker(report.video().flicker());
      preview(report.video().preview());
    }
    html.append(
            "<p class=\"note\">The same numbers, without pictures, are in <code>report.json</code> beside this")
        .append(" file.</p></main></body></html>\n");
    return html.toString();
  }

  private void header() {
    int errors = report.errors().size();
    html.append("<h1>stylepipe ")
        .append(text(report.job()))
        .append(" report</h1><p class=\"meta\">")
        .append(
            errors == 0
                ? "<span class=\"status ok\">complete</span>"
                : "<span class=\"status failed\">completed with "
                    + errors
                    + (errors == 1 ? " error" : " errors")
                    + "</span>")
        .append(" &nbsp;<code>")
        .append(text(report.output()))
        .append("</code><br>finished ")
        .append(TIME.format(report.finished()))
        .append(", ")
        .append(Format.number(report.wallSeconds()))
        .append(" s</p>");
  }

  private void inputs() {
    html.append("<h2>Inputs and options</h2><table><tr><th>input</th><td>");
    for (String input : report.inputs()) {
      html.append("<code>").append(text(input)).append("</code><br>");
    }
    html.append("</td></tr>");
    report
        .options()
        .forEach(
            (name, value) ->
                html.append("<tr><th>")
                    .append(text(name))
                    .append("</th><td><code>")
                    .append(text(String.valueOf(value)))
                    .append("</code></td></tr>"));
    html.append("</table>");
  }

  private void keyValues(String title, Map<String, Object> values) {
    html.append("<h2>").append(text(title)).append("</h2><table>");
    values.forEach(
        (name, value) ->
            html.append("<tr><th>")
                .append(text(name))
                .append("</th><td class=\"n\">")
                .append(
                    text(
                        value instanceof Number n
                            ? Format.number(n.doubleValue())
                            : String.valueOf(value)))
                .append("</td></tr>"));
    html.append("</table>");
  }

  private void stages() {
    html.append(
            "<h2>Stages</h2><table><tr><th>stage</th><th>seconds</th><th>frames</th><th>frames/s</th>")
        .append("<th>counts</th></tr>");
    for (StageStats stage : report.stages()) {
      html.append("<tr><td>")
          .append(text(stage.name()))
          .append("</td>")
          .append(cell(stage.seconds()))
          .append(cell(stage.frames()))
          .append(cell(stage.framesPerSecond()))
          .append("<td>");
      stage
          .counts()
          .forEach(
              (name, count) ->
                  html.append(text(name)).append(' ').append(Format.number(count)).append("<br>"));
      html.append("</td></tr>");
    }
    html.append("</table>")
        .append(
            BarChart.svg(
                "Frames per second per stage",
                "frames/s",
                report.stages().stream()
                    .map(s -> new BarChart.Bar(s.name(), s.framesPerSecond()))
                    .toList()));
  }

  private void executors() {
    html.append("<h2>Executors</h2>");
    if (report.executors().isEmpty()) {
      html.append("<p class=\"empty\">No task ran.</p>");
      return;
    }
    html.append(
            "<table><tr><th>stage</th><th>executor</th><th>host</th><th>tasks</th><th>frames</th>")
        .append(
            "<th>task seconds</th><th>frames/s (share of the stage)</th><th>frames/s per task</th></tr>");
    for (ExecutorStats executor : report.executors()) {
      html.append("<tr><td>")
          .append(text(executor.stage()))
          .append("</td><td>")
          .append(text(executor.executorId()))
          .append("</td><td>")
          .append(text(executor.host()))
          .append("</td>")
          .append(cell(executor.tasks()))
          .append(cell(executor.frames()))
          .append(cell(executor.taskSeconds()))
          .append(cell(executor.framesPerSecond()))
          .append(cell(executor.framesPerTaskSecond()))
          .append("</tr>");
    }
    html.append("</table>")
        .append(
            BarChart.svg(
                "Frames per second per executor",
                "frames/s",
                report.executors().stream()
                    .map(
                        e ->
                            new BarChart.Bar(
                                e.stage() + " · " + e.executorId() + " (" + e.host() + ")",
                                e.framesPerSecond()))
                    .toList()));
  }

  private void errors() {
    List<ErrorRow> errors = report.errors();
    html.append("<h2>Errors (").append(errors.size()).append(")</h2>");
    if (errors.isEmpty()) {
      html.append("<p class=\"empty\">None: every input was processed completely.</p>");
      return;
    }
    html.append(
        "<table><tr><th>stage</th><th>source</th><th>recording</th><th>segment</th><th>reason</th></tr>");
    for (ErrorRow error : errors) {
      html.append("<tr><td>")
          .append(text(error.stage()))
          .append("</td><td><code>")
          .append(text(error.source()))
          .append("</code></td><td>")
          .append(text(error.recordingId() == null ? "–" : error.recordingId()))
          .append("</td><td class=\"n\">")
          .append(error.segment() < 0 ? "–" : error.segment())
          .append("</td><td>")
          .append(text(error.reason()))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private void contactSheet() {
    ContactSheet sheet = report.contactSheet();
    html.append("<h2>Contact sheet</h2>");
    if (sheet.rows().isEmpty()) {
      html.append("<p class=\"empty\">No frame was written.</p>");
      return;
    }
    html.append("<table class=\"sheet\"><tr><th>frame</th>");
    sheet.columns().forEach(column -> html.append("<th>").append(text(column)).append("</th>"));
    html.append("</tr>");
    for (ContactSheet.Row row : sheet.rows()) {
      html.append("<tr><td class=\"label\">")
          .append(text(row.recordingId()))
          .append("<br>frame ")
          .append(row.frameIndex())
          .append("</td>");
      for (String column : sheet.columns()) {
        ContactSheet.Image image = row.images().get(column);
        if (image == null) {
          html.append("<td class=\"empty\">–</td>");
        } else {
          html.append("<td><img src=\"data:image/jpeg;base64,")
              .append(Base64.getEncoder().encodeToString(image.jpeg()))
              .append("\" width=\"")
              .append(image.width())
              .append("\" height=\"")
              .append(image.height())
              .append("\" alt=\"")
              .append(text(column + ", " + row.recordingId() + " frame " + row.frameIndex()))
              .append("\" title=\"")
              .append(text(image.source()))
              .append("\"></td>");
        }
      }
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private void flicker(List<FlickerSeries> series) {
    html.append("<h2>Flicker (warping error)</h2>");
    if (series.isEmpty()) {
      html.append("<p class=\"empty\">Not measured.</p>");
      return;
    }
    html.append(
            "<p class=\"note\">E_t per frame: the input judged against itself (its own floor) and the stylized")
        .append(" output; E_warp is their mean.</p>");
    for (FlickerSeries one : series) {
      html.append("<h3>")
          .append(text(one.recordingId()))
          .append(": E_warp input ")
          .append(Format.precise(one.inputWarpingError()))
          .append(", output ")
          .append(Format.precise(one.outputWarpingError()))
          .append(" over ")
          .append(one.frameIndex().length)
          .append(" frames</h3>")
          .append(FlickerPlot.svg(one));
    }
  }

  private void training(TrainingCurves curves) {
    html.append("<h2>Training</h2>")
        .append(
            "<p class=\"note\">Loss of each step (means over bins of steps; 0..1 scale): the per-pixel")
        .append(" term against the teacher, the temporal term along the input's flow, and their")
        .append(" weighted sum; dots: the loss on the held-out pairs.</p>")
        .append(LossPlot.svg(curves));
    if (curves.validationSteps().length > 0) {
      html.append(
          "<table><tr><th>step</th><th>validation loss</th><th>PSNR vs teacher, dB</th></tr>");
      for (int i = 0; i < curves.validationSteps().length; i++) {
        html.append("<tr>")
            .append(cell(curves.validationSteps()[i]))
            .append("<td class=\"n\">")
            .append(Format.precise(curves.validationTotal()[i]))
            .append("</td>")
            .append(cell(Format.round(curves.validationPsnr()[i], 2)))
            .append("</tr>");
      }
      html.append("</table>");
    }
  }

  private void preview(Preview preview) {
    html.append("<h2>Preview</h2>");
    if (preview == null) {
      html.append("<p class=\"empty\">No frame was stylized.</p>");
      return;
    }
    html.append("<img class=\"preview\" src=\"data:image/gif;base64,")
        .append(Base64.getEncoder().encodeToString(preview.gif()))
        .append("\" width=\"")
        .append(preview.width())
        .append("\" height=\"")
        .append(preview.height())
        .append("\" alt=\"")
        .append(text("preview of " + preview.recordingId()))
        .append("\"><p class=\"note\">")
        .append(text(preview.recordingId()))
        .append(", ")
        .append(preview.frames())
        .append(" frames from frame ")
        .append(preview.firstFrameIndex())
        .append(", looping: input left, stylized right.</p>");
  }

  private static String cell(double value) {
    return "<td class=\"n\">" + Format.number(value) + "</td>";
  }

  private static String text(String value) {
    return Format.escape(value);
  }
}
