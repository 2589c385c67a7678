package org.stylepipe.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes frames as a looping animated GIF with javax.imageio, in one palette for all frames
 * ({@link GifPalette}), showing each frame for as long as the recording does, in GIF's hundredths
 * of a second.
 */
final class AnimatedGif {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  /** Browsers show shorter GIF delays as 1/10 s, so none is shorter than this. */
  private static final int MIN_DELAY_CS = 2;

  private static final ImageTypeSpecifier RGB =
      ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB);

  private AnimatedGif() {}

  /**
   * {@code frames} shown at {@code timesUs} (presentation times, ascending); the last as long as
   * the one before.
   */
  static byte[] encode(List<BufferedImage> frames, List<Long> timesUs) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      GifPalette palette = GifPalette.of(frames);
      int delay = MIN_DELAY_CS;
      for (int i = 0; i < frames.size(); i++) {
        if (i + 1 < frames.size()) {
          delay =
              Math.max(
                  MIN_DELAY_CS, (int) Math.round((timesUs.get(i + 1) - timesUs.get(i)) / 10_000.0));
        }
        BufferedImage frame = palette.indexed(frames.get(i));
        // Metadata for an RGB type: the writer then takes the colour table from the frame's own
        // colour model (the
        // default metadata of the indexed type carries a table the JDK's writer does not match to
        // the pixels).
        IIOMetadata metadata = writer.getDefaultImageMetadata(RGB, null);
        describe(metadata, delay, i == 0);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode the preview as GIF: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Sets the frame's delay, and on the first frame the NETSCAPE2.0 extension that loops forever.
   */
  private static void describe(IIOMetadata metadata, int delayCs, boolean first)
      throws IOException {
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(delayCs));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
      loop.setAttribute("applicationID", "NETSCAPE");
      loop.setAttribute("authenticationCode", "2.0");
      loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0, forever
      child(root, "ApplicationExtensions").appendChild(loop);
    }
    metadata.setFromTree(FORMAT, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
    for (int i = 0; i < parent.getLength(); i++) {
      if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) parent.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    parent.appendChild(node);
    return node;
  }
}
