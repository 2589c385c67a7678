package org.stylepipe.guides;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Both flows of every frame of a sequence (numbered from 1), computed with {@link DisFlow} and kept
 * in memory.
 */
public final class MemoryFlows implements FlowSource {
  final Map<Integer, FlowField> forward = new HashMap<>();
  final Map<Integer, FlowField> backward = new HashMap<>();

  static MemoryFlows of(List<Mat> frames) {
    return of(frames, FlowPreset.MEDIUM);
  }

  public static MemoryFlows of(List<Mat> frames, FlowPreset preset) {
    MemoryFlows flows = new MemoryFlows();
    try (DisFlow dis = new DisFlow(preset)) {
      for (int i = 0; i < frames.size(); i++) {
        DisFlow.Pair pair = dis.next(frames.get(i));
        if (pair != null) {
          flows.forward.put(i + 1, pair.forward());
          flows.backward.put(i, pair.backward());
        }
      }
    }
    return flows;
  }

  @Override
  public FlowField forward(int frame) {
    return require(forward.get(frame), "forward", frame);
  }

  @Override
  public FlowField backward(int frame) {
    return require(backward.get(frame), "backward", frame);
  }

  private static FlowField require(FlowField flow, String kind, int frame) {
    if (flow == null) {
      throw new IllegalArgumentException("no " + kind + " flow for frame " + frame);
    }
    return flow;
  }
}
