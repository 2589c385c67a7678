package org.stylepipe.testing;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameMirror;
import org.stylepipe.common.Yuv420;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.decode.FrameScaler;
import org.stylepipe.output.ImageEncoder;

/**
 * The reference the parallel job must equal: one plain decode of the whole file from its first
 * frame.
 */
public final class SequentialDecode {
  private SequentialDecode() {}

  /** "frameIndex ptsUs sha256" of every kept frame, in order. */
  public static List<String> frames(String file, FrameSettings settings) throws Exception {
    return frames(file, settings, false);
  }

  /** "frameIndex ptsUs sha256" of every kept frame or its mirror image, in order. */
  public static List<String> frames(String file, FrameSettings settings, boolean mirrored)
      throws Exception {
    List<String> lines = new ArrayList<>();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file);
        FrameScaler scaler =
            FrameScaler.forFormat(
                settings.format(), settings.width(), settings.height(), settings.resizeMode());
        Mat image = new Mat();
        FrameMirror mirror = new FrameMirror();
        ImageEncoder encoder = new ImageEncoder(settings.format(), settings.jpegQuality())) {
      grabber.setImageMode(FrameGrabber.ImageMode.RAW);
      grabber.setVideoOption("threads", "1");
      grabber.start();
      long index = 0;
      long previous = Long.MIN_VALUE;
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        long pts = TestVideos.ptsUs(grabber, frame);
        if (settings.sampling().keeps(index, pts, previous)) {
          scaler.convert((AVFrame) frame.opaque, image);
          byte[] bytes =
              encoder.encode(
                  !mirrored
                      ? image
                      : Yuv420.is(image) ? mirror.mirrorYuv420(image) : mirror.mirror(image));
          lines.add(index + " " + pts + " " + HexFormat.of().formatHex(sha256.digest(bytes)));
        }
        previous = pts;
        index++;
      }
    }
    return lines;
  }
}
