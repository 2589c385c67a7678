package org.stylepipe.trainjob;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a train job, as {@code _stylepipe/train-summary.json} and the console give it.
 *
 * @param shape the student's widths and residual blocks
 * @param parameters the student's parameter count
 * @param frames frames the dataset offered
 * @param trainingPairs pairs of consecutive frames trained on
 * @param heldOutPairs pairs held out (validated on: up to {@code validationPairs})
 * @param temporal whether the temporal loss had the dataset's flow
 * @param teacherStylized frames the teacher stylized in this run
 * @param teacherKept frames whose teacher output an earlier run had made
 * @param teacherSeconds the teacher stage's wall time
 * @param steps steps of the run (done by now)
 * @param resumedAt the step this run resumed at (0: started afresh)
 * @param skipped steps skipped for a non-finite loss or gradient
 * @param trainSeconds the training's wall time in this run
 * @param psnrBefore the initial student's PSNR against the teacher on the validation pairs, dB
 * @param psnrAfter the trained student's, dB
 * @param onnxMaxDifference the largest difference, in 8-bit levels, between the ONNX export on ONNX
 *     Runtime and the {@code .npz} on the PyTorch engine, on the validation frames
 * @param onnxDiffering the fraction of values that differ at all
 */
public record TrainSummary(
    String output,
    String shape,
    long parameters,
    int frames,
    int trainingPairs,
    int heldOutPairs,
    int validationPairs,
    boolean temporal,
    int teacherStylized,
    int teacherKept,
    double teacherSeconds,
    int steps,
    int resumedAt,
    int skipped,
    double trainSeconds,
    double psnrBefore,
    double psnrAfter,
    int onnxMaxDifference,
    double onnxDiffering,
    double wallSeconds) {

  /** A JSON-friendly view, in a stable key order. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("output", output);
    map.put("student", shape);
    map.put("parameters", parameters);
    map.put("frames", frames);
    map.put("training_pairs", trainingPairs);
    map.put("held_out_pairs", heldOutPairs);
    map.put("validation_pairs", validationPairs);
    map.put("temporal_loss", temporal);
    map.put("teacher_stylized", teacherStylized);
    map.put("teacher_kept", teacherKept);
    map.put("teacher_seconds", round(teacherSeconds, 3));
    map.put("steps", steps);
    map.put("resumed_at_step", resumedAt);
    map.put("skipped_steps", skipped);
    map.put("train_seconds", round(trainSeconds, 3));
    map.put("steps_per_second", round((steps - resumedAt) / Math.max(1e-9, trainSeconds), 3));
    map.put("validation_psnr_before_db", round(psnrBefore, 3));
    map.put("validation_psnr_after_db", round(psnrAfter, 3));
    map.put("onnx_max_difference_levels", onnxMaxDifference);
    map.put("onnx_differing_fraction", round(onnxDiffering, 6));
    map.put("wall_seconds", round(wallSeconds, 3));
    return map;
  }

  /** The summary as the console shows it. */
  public String toText() {
    return String.format(
        Locale.ROOT,
        "stylepipe train: student %s (%,d parameters), %d frames (%d training pairs, %d held out),"
            + " teacher %d stylized + %d kept in %.1f s, %d steps (%s%d skipped) in %.1f s (%.2f steps/s),"
            + " validation PSNR %.2f -> %.2f dB, ONNX export within %d levels, %.1f s%n"
            + "  student: %s/student.npz, %s/student.onnx%n"
            + "  report:  %s/report.html",
        shape,
        parameters,
        frames,
        trainingPairs,
        heldOutPairs,
        teacherStylized,
        teacherKept,
        teacherSeconds,
        steps,
        resumedAt > 0 ? "resumed at " + resumedAt + ", " : "",
        skipped,
        trainSeconds,
        (steps - resumedAt) / Math.max(1e-9, trainSeconds),
        psnrBefore,
        psnrAfter,
        onnxMaxDifference,
        wallSeconds,
        output,
        output,
        output);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
  }
}
