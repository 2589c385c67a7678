package org.stylepipe.guides;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * The folders of the few-shot patch-based trainer (Texler et al. 2020, {@code
 * OndrejTexler/Few-Shot-Patch-Based-Training}) for one sequence of frames numbered 1 to {@code
 * frameCount}:
 *
 * <pre>
 * ROOT/SEQ_train/input/NNN.png                            keyframes
 *               /mask/NNN.png                             their masks (0/255)
 *               /input_gdisko_gauss_r10_s10/NNN.png       noise guides of the keyframes, one folder per variant
 *               /output/NNN.png                           the artist's stylized keyframes (not written here)
 * ROOT/SEQ_gen/input/NNN.png                              every frame
 *             /mask/NNN.png                               every frame's mask (not read by the trainer)
 *             /input_gdisko_gauss_r10_s10/NNN.png         noise guides of every frame
 *             /flow_fwd/NNN.A2V2f                         flow from frame NNN to NNN-1 (frames 2..count)
 *             /flow_bwd/NNN.A2V2f                         flow from frame NNN to NNN+1 (frames 1..count-1)
 * </pre>
 *
 * The rules are the reference's: its loaders list {@code input/} in sorted name order and open
 * every other folder's file by the same name (guides) or the same stem with {@code .png} (mask,
 * output); the trainer finds the {@code _gen} folder by replacing {@code _train} in its data root,
 * and reads guides there from folders of the same names; the tools number frames from 1 with 3
 * digits ({@code %03d}). Numbers here have 3 digits, or as many as {@code frameCount} needs (a
 * 1500-frame sequence is 0001..1500), so sorted names stay in frame order and the width is known to
 * every task before it writes. The reference P configurations read {@code input_filtered/} (the
 * output of its bilateral filter): point their {@code dir_pre} at {@code input}. Immutable.
 */
public final class FewShotLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String INPUT = "input";
  public static final String MASK = "mask";
  public static final String OUTPUT = "output";
  public static final String FLOW_FORWARD = "flow_fwd";
  public static final String FLOW_BACKWARD = "flow_bwd";
  public static final String IMAGE_EXTENSION = "png";

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String TRAIN = "_train";

  private final String root;
  private final String sequence;
  private final int frameCount;
  private final String format;

  /** {@code root} is a folder URI or path; {@code sequence} names the pair of folders. */
  public FewShotLayout(String root, String sequence, int frameCount) {
    if (!SAFE_NAME.matcher(sequence).matches()) {
      throw new IllegalArgumentException(
          "Cannot use sequence name '"
              + sequence
              + "': use letters, digits, '.', '_' and '-' only");
    }
    if ((root + "/" + sequence).contains(TRAIN)) {
      throw new IllegalArgumentException(
          "Cannot use '"
              + root
              + "/"
              + sequence
              + "' for a few-shot sequence: it"
              + " contains '_train', and the trainer finds the _gen folder by replacing every '_train' in its data root");
    }
    if (frameCount < 1) {
      throw new IllegalArgumentException("Cannot lay out a sequence of " + frameCount + " frames");
    }
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.sequence = sequence;
    this.frameCount = frameCount;
    this.format = "%0" + Math.max(3, Integer.toString(frameCount).length()) + "d";
  }

  public String sequence() {
    return sequence;
  }

  public int frameCount() {
    return frameCount;
  }

  public String trainDir() {
    return root + "/" + sequence + TRAIN;
  }

  public String genDir() {
    return root + "/" + sequence + "_gen";
  }

  /** The file name of frame {@code number} without extension: {@code 001}. */
  public String stem(int number) {
    if (number < 1 || number > frameCount) {
      throw new IllegalArgumentException(
          "Cannot name frame " + number + ": the sequence has frames 1.." + frameCount);
    }
    return String.format(format, number);
  }

  public String trainInput(int number) {
    return image(trainDir(), INPUT, number);
  }

  public String trainMask(int number) {
    return image(trainDir(), MASK, number);
  }

  public String trainNoise(NoiseVariant variant, int number) {
    return image(trainDir(), variant.folder(), number);
  }

  /**
   * The mask of every frame, beside the trainer's folders in {@code _gen} (which it does not read).
   */
  public String genMask(int number) {
    return image(genDir(), MASK, number);
  }

  public String trainOutput(int number) {
    return image(trainDir(), OUTPUT, number);
  }

  public String genInput(int number) {
    return image(genDir(), INPUT, number);
  }

  public String genNoise(NoiseVariant variant, int number) {
    return image(genDir(), variant.folder(), number);
  }

  /** Flow from frame {@code number} to the frame before (numbers 2..count). */
  public String flowForward(int number) {
    if (number < 2) {
      throw new IllegalArgumentException(
          "Cannot name the forward flow of frame " + number + ": it has none");
    }
    return genDir() + "/" + FLOW_FORWARD + "/" + stem(number) + "." + FlowFile.EXTENSION;
  }

  /** Flow from frame {@code number} to the frame after (numbers 1..count-1). */
  public String flowBackward(int number) {
    if (number >= frameCount) {
      throw new IllegalArgumentException(
          "Cannot name the backward flow of frame " + number + ": it has none");
    }
    return genDir() + "/" + FLOW_BACKWARD + "/" + stem(number) + "." + FlowFile.EXTENSION;
  }

  private String image(String dir, String folder, int number) {
    return dir + "/" + folder + "/" + stem(number) + "." + IMAGE_EXTENSION;
  }
}
