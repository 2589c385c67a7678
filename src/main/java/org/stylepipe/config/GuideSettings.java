package org.stylepipe.config;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.stylepipe.guides.FlowPreset;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.KeyframeRule;
import org.stylepipe.guides.MaskMode;
import org.stylepipe.guides.MaskSpec;
import org.stylepipe.guides.NoiseVariant;

/**
 * The guides of a few-shot dataset ({@link DatasetLayout#FEWSHOT}), the part of its configuration
 * that travels to executors: how masks are made, the optical flow preset, the noise guide variants
 * and their seed, which frames are keyframes, over how many neighbouring keys each key's noise
 * points are tracked ({@link KeySpan}), and whether the flows are kept in the layout ({@code
 * flowFiles}; otherwise they are work files, removed at the end).
 */
public record GuideSettings(
    MaskSpec mask,
    FlowPreset flowPreset,
    List<NoiseVariant> noise,
    long seed,
    KeyframeRule keyframes,
    int keyReach,
    boolean flowFiles)
    implements Serializable {

  public GuideSettings {
    noise = List.copyOf(noise);
    if (noise.isEmpty()) {
      throw new IllegalArgumentException("Cannot make noise guides: no variant given");
    }
  }

  /**
   * Kept frames each segment decodes before its first: one for flow and scene changes, or a
   * background model's history so that it has learned the scene when the segment starts.
   */
  public int leadIn() {
    return mask.mode() == MaskMode.BACKGROUND ? mask.history() : 1;
  }

  /** The radii of the variants, each once, in order: variants of one radius share their points. */
  public List<Float> radii() {
    return noise.stream().map(NoiseVariant::radius).distinct().toList();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "mask=%s flow-preset=%s flow-files=%s noise=%s noise-seed=%d keyframes=%s key-reach=%s",
        GuideOptions.format(mask),
        flowPreset.name().toLowerCase(Locale.ROOT),
        flowFiles,
        noise.stream().map(NoiseVariant::name).collect(Collectors.joining(",")),
        seed,
        keyframes,
        keyReach == KeySpan.ALL ? "all" : keyReach);
  }
}
