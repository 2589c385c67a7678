package org.stylepipe.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stylepipe.guides.FlowPreset;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.KeyframeRule;
import org.stylepipe.guides.MaskSpec;
import org.stylepipe.guides.NoiseVariant;

/**
 * Parses the guide options of the dataset job ({@link GuideSettings}); errors name the option and
 * the text.
 */
final class GuideOptions {
  static final int LUMA_DEFAULT = 16;
  static final int CHROMA_TOLERANCE_DEFAULT = 40;
  static final int HISTORY_DEFAULT = 100;

  private GuideOptions() {}

  /**
   * {@code full}, {@code luma[:T]}, {@code chroma:RRGGBB[:TOL]}, {@code mog2[:HISTORY]}, {@code
   * knn[:HISTORY]} or {@code track}.
   */
  static MaskSpec mask(String option, String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
    try {
      switch (parts[0]) {
        case "full":
          if (parts.length == 1) {
            return MaskSpec.full();
          }
          break;
        case "track":
          if (parts.length == 1) {
            return MaskSpec.track();
          }
          break;
        case "luma":
          if (parts.length <= 2) {
            return MaskSpec.luma(parts.length == 2 ? Integer.parseInt(parts[1]) : LUMA_DEFAULT);
          }
          break;
        case "chroma":
          if ((parts.length == 2 || parts.length == 3) && parts[1].matches("[0-9a-f]{6}")) {
            return MaskSpec.chroma(
                Integer.parseInt(parts[1], 16),
                parts.length == 3 ? Integer.parseInt(parts[2]) : CHROMA_TOLERANCE_DEFAULT);
          }
          break;
        case "mog2":
        case "knn":
          if (parts.length <= 2) {
            return MaskSpec.background(
                parts[0].equals("mog2") ? MaskSpec.Subtractor.MOG2 : MaskSpec.Subtractor.KNN,
                parts.length == 2 ? Integer.parseInt(parts[1]) : HISTORY_DEFAULT);
          }
          break;
        default:
          break;
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot use --" + option + " " + text + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "Cannot use --"
            + option
            + " "
            + text
            + ": expected full, luma[:THRESHOLD],"
            + " chroma:RRGGBB[:TOLERANCE], mog2[:HISTORY], knn[:HISTORY] or track");
  }

  /** The option text of a mask spec, without its morphology. */
  static String format(MaskSpec mask) {
    switch (mask.mode()) {
      case LUMA:
        return "luma:" + mask.lumaThreshold();
      case CHROMA:
        return String.format("chroma:%06x:%d", mask.keyRgb(), mask.chromaTolerance());
      case BACKGROUND:
        return mask.subtractor().name().toLowerCase(Locale.ROOT) + ":" + mask.history();
      default:
        return mask.mode().name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code every:N}, {@code scene:THRESHOLD} or {@code list:N,N,...} (sequence numbers from 1). */
  static KeyframeRule keyframes(String option, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("every:")) {
        return KeyframeRule.every(Integer.parseInt(value.substring("every:".length())));
      }
      if (value.startsWith("scene:")) {
        return KeyframeRule.sceneChange(Double.parseDouble(value.substring("scene:".length())));
      }
      if (value.startsWith("list:")) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : value.substring("list:".length()).split(",")) {
          numbers.add(Integer.parseInt(number.trim()));
        }
        return KeyframeRule.list(numbers);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot use --" + option + " " + text + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "Cannot use --"
            + option
            + " "
            + text
            + ": expected every:N, scene:THRESHOLD (0 to 1) or list:N,N,... (frame numbers from 1)");
  }

  /**
   * The guide settings of {@code options}, read with the dataset job's option names and defaults
   * ({@link DatasetConfig}); {@code flowFiles}: whether the flows are kept in the layout.
   */
  static GuideSettings settings(OptionMap options, boolean flowFiles) {
    return new GuideSettings(
        mask(DatasetConfig.MASK, options.get(DatasetConfig.MASK, DatasetConfig.MASK_DEFAULT))
            .withMorphology(
                options.getInt(DatasetConfig.MASK_ERODE, 0, 0, 100),
                options.getInt(DatasetConfig.MASK_DILATE, 0, 0, 100)),
        options.getEnum(DatasetConfig.FLOW_PRESET, FlowPreset.MEDIUM),
        noise(DatasetConfig.NOISE, options.get(DatasetConfig.NOISE, DatasetConfig.NOISE_DEFAULT)),
        options.getLong(DatasetConfig.NOISE_SEED, Long.parseLong(DatasetConfig.NOISE_SEED_DEFAULT)),
        keyframes(
            DatasetConfig.KEYFRAMES,
            options.get(DatasetConfig.KEYFRAMES, DatasetConfig.KEYFRAMES_DEFAULT)),
        keyReach(
            DatasetConfig.KEY_REACH,
            options.get(DatasetConfig.KEY_REACH, DatasetConfig.KEY_REACH_DEFAULT)),
        flowFiles);
  }

  /** Comma-separated variant names such as {@code r10_s10,r10_s15}. */
  static List<NoiseVariant> noise(String option, String text) {
    List<NoiseVariant> variants = new ArrayList<>();
    try {
      for (String name : text.split(",")) {
        NoiseVariant variant = NoiseVariant.parse(name);
        if (!variants.contains(variant)) {
          variants.add(variant);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot use --" + option + " " + text + ": " + e.getMessage(), e);
    }
    return variants;
  }

  /** A number of keys from 1, or {@code all}. */
  static int keyReach(String option, String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return KeySpan.ALL;
    }
    try {
      int reach = Integer.parseInt(text.trim());
      if (reach >= 1) {
        return reach;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException(
        "Cannot use --" + option + " " + text + ": expected a number of keys from 1," + " or all");
  }
}
