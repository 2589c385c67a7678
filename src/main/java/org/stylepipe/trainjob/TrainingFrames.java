package org.stylepipe.trainjob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.train.FramePair;

/**
 * A dataset's frames as the trainer sees them: sequences of consecutive frames (a few-shot
 * sequence, or in the frames layout a recording's variant in frame order), cut into the pairs of
 * consecutive frames a student trains on and the pairs at each sequence's end held out to validate
 * on. Spark-free.
 */
final class TrainingFrames {
  /**
   * One frame of a sequence.
   *
   * @param number its place in the sequence, from 1
   * @param image its image, relative to the dataset root
   * @param flowToPrevious its flow to the frame before, relative to the dataset root; null if none
   * @param flowToNext its flow to the frame after; null if none
   */
  record Frame(int number, String image, String flowToPrevious, String flowToNext) {}

  private final OutputLayout dataset;
  private final OutputLayout output;
  private final Map<String, List<Frame>> sequences = new TreeMap<>();

  TrainingFrames(OutputLayout dataset, OutputLayout output) {
    this.dataset = dataset;
    this.output = output;
  }

  /** Adds a frame to a sequence; frames may come in any order. */
  void add(String sequence, Frame frame) {
    sequences.computeIfAbsent(sequence, k -> new ArrayList<>()).add(frame);
  }

  /** Frames in all sequences. */
  int frameCount() {
    return sequences.values().stream().mapToInt(List::size).sum();
  }

  /** Whether every frame but each sequence's first has its flows both ways. */
  boolean hasFlow() {
    for (List<Frame> frames : sorted().values()) {
      for (int i = 1; i < frames.size(); i++) {
        if (frames.get(i).flowToPrevious() == null || frames.get(i - 1).flowToNext() == null) {
          return false;
        }
      }
    }
    return true;
  }

  /** The split of the pairs; {@code holdOut} is the fraction of each sequence held out. */
  record Split(List<FramePair> training, List<FramePair> heldOut) {
    /** The images the teacher must stylize (relative to the dataset) for these pairs. */
    static Set<String> images(List<FramePair> pairs, OutputLayout dataset) {
      Set<String> images = new LinkedHashSet<>();
      for (FramePair pair : pairs) {
        images.add(relative(pair.previousInput(), dataset));
        images.add(relative(pair.input(), dataset));
      }
      return images;
    }
  }

  /**
   * Each sequence's pairs of consecutive frames: those whose frames both lie in the first {@code 1
   * - holdOut} of the sequence to train on, those whose frames both lie in the rest held out.
   */
  Split split(double holdOut, boolean withFlow) {
    List<FramePair> training = new ArrayList<>();
    List<FramePair> heldOut = new ArrayList<>();
    sorted()
        .forEach(
            (name, frames) -> {
              int heldOutFrames = (int) Math.round(holdOut * frames.size());
              int trainingFrames = frames.size() - heldOutFrames;
              for (int i = 1; i < frames.size(); i++) {
                FramePair pair = pair(name, frames.get(i - 1), frames.get(i), withFlow);
                if (i < trainingFrames) {
                  training.add(pair);
                } else if (i - 1 >= trainingFrames) {
                  heldOut.add(pair);
                }
              }
            });
    return new Split(training, heldOut);
  }

  /** Up to {@code count} of {@code pairs}, evenly spread. */
  static List<FramePair> spread(List<FramePair> pairs, int count) {
    if (pairs.size() <= count) {
      return List.copyOf(pairs);
    }
    List<FramePair> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(pairs.get((int) ((long) i * pairs.size() / count + pairs.size() / (2L * count))));
    }
    return picked;
  }

  private Map<String, List<Frame>> sorted() {
    Map<String, List<Frame>> sorted = new TreeMap<>();
    sequences.forEach(
        (name, frames) -> {
          List<Frame> copy = new ArrayList<>(frames);
          copy.sort(Comparator.comparingInt(Frame::number));
          sorted.put(name, copy);
        });
    return sorted;
  }

  private FramePair pair(String sequence, Frame previous, Frame current, boolean withFlow) {
    return new FramePair(
        sequence,
        current.number(),
        dataset.resolve(previous.image()),
        dataset.resolve(current.image()),
        output.teacherTarget(previous.image()),
        output.teacherTarget(current.image()),
        withFlow ? dataset.resolve(current.flowToPrevious()) : null,
        withFlow ? dataset.resolve(previous.flowToNext()) : null);
  }

  private static String relative(String uri, OutputLayout dataset) {
    return uri.substring(dataset.root().length() + 1);
  }
}
