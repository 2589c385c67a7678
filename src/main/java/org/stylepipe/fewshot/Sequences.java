package org.stylepipe.fewshot;

import java.io.Serializable;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;

/**
 * The few-shot sequences of one recording, under {@code fewshot/} of the output: {@code <name>} of
 * the original frames and, with mirroring, {@code <name>-mirrored}. The name is the recording id
 * with any {@code _train} made {@code -train} (the trainer finds its {@code _gen} folders by
 * replacing {@code _train}). Paths are relative to the output root, as the manifest lists them.
 */
public record Sequences(FewShotLayout original, FewShotLayout mirrored) implements Serializable {
  private static final String MIRRORED_SUFFIX = "-mirrored";

  /**
   * The sequences of {@code recordingId}, {@code length} frames each; {@code mirrored} is null
   * without mirroring.
   */
  public static Sequences of(String recordingId, int length, boolean mirror) {
    String name = name(recordingId);
    return new Sequences(
        new FewShotLayout(OutputLayout.fewShot(), name, length),
        mirror ? new FewShotLayout(OutputLayout.fewShot(), name + MIRRORED_SUFFIX, length) : null);
  }

  /** The original sequence's name for a recording. */
  public static String name(String recordingId) {
    String name = recordingId.replace("_train", "-train");
    return Character.isLetterOrDigit(name.charAt(0)) ? name : "s" + name;
  }

  /** The layout of a variant ({@link ManifestRow#ORIGINAL} or {@link ManifestRow#MIRRORED}). */
  public FewShotLayout forVariant(String variant) {
    return variant.equals(ManifestRow.MIRRORED) ? mirrored : original;
  }
}
