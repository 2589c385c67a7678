package org.stylepipe.guides;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One noise guide: Poisson-disk points at least {@code radius} pixels apart, drawn as Gaussian
 * blobs of width {@code sigma}. Named as the reference tools name their folders: {@code r10_s15} is
 * written to {@code input_gdisko_gauss_r10_s15/}. Variants of the same radius share their points
 * (the same seed gives the same points), as the reference's do.
 */
public record NoiseVariant(float radius, float sigma) implements Serializable {
  /** The two guides of the reference ({@code tool_gauss.py}): radius 10 with sigma 10 and 15. */
  public static final List<NoiseVariant> DEFAULTS =
      List.of(new NoiseVariant(10, 10), new NoiseVariant(10, 15));

  private static final Pattern NAME =
      Pattern.compile("r([0-9]+(?:\\.[0-9]+)?)_s([0-9]+(?:\\.[0-9]+)?)");

  public NoiseVariant {
    if (!(radius >= 1) || !(sigma > 0) || radius > 1000 || sigma > 1000) {
      throw new IllegalArgumentException(
          "Cannot use noise radius "
              + radius
              + " and sigma "
              + sigma
              + ": expected a radius from 1 to 1000 and a"
              + " sigma above 0, up to 1000");
    }
  }

  /** Parses a name such as {@code r10_s15}. */
  public static NoiseVariant parse(String name) {
    Matcher m = NAME.matcher(name.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Cannot parse noise variant '" + name + "': expected rRADIUS_sSIGMA, e.g. r10_s15");
    }
    return new NoiseVariant(Float.parseFloat(m.group(1)), Float.parseFloat(m.group(2)));
  }

  /** {@code r10_s15}; fractional values keep their decimals ({@code r7.5_s10}). */
  public String name() {
    return "r" + plain(radius) + "_s" + plain(sigma);
  }

  /** The folder the reference trainer reads it from: {@code input_gdisko_gauss_r10_s15}. */
  public String folder() {
    return "input_gdisko_gauss_" + name();
  }

  private static String plain(float value) {
    return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
  }
}
