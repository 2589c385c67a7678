package org.stylepipe.stylizejob;

import java.io.Serializable;
import org.stylepipe.video.TimeBase;

/**
 * A sequence of a few-shot dataset as the stylize job stylizes it: its name (the stylized video is
 * {@code stylized/<name>.mp4}), the recording it was made from, whether it is the mirrored one (its
 * video gets no sound), its frame size, the width of its frame numbers ({@code 001.png}), and the
 * time base its video is written in: the source's where its frame times map to the source's ticks
 * exactly ({@link TimeBase#forMicros}), so the video's frames have the source's times; else
 * microseconds.
 */
public record GuidedSequence(
    String name,
    String recordingId,
    String source,
    boolean mirrored,
    int width,
    int height,
    int numberDigits,
    TimeBase timeBase)
    implements Serializable {

  /** The same sequence written in {@code base}'s ticks, if it maps microseconds exactly. */
  public GuidedSequence withTimeBase(TimeBase base) {
    return new GuidedSequence(
        name, recordingId, source, mirrored, width, height, numberDigits, base.forMicros());
  }

  /** The file name of frame {@code number}, as in the dataset: {@code 001.png}. */
  public String fileName(int number) {
    return String.format("%0" + numberDigits + "d.png", number);
  }
}
