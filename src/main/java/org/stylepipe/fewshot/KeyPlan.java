package org.stylepipe.fewshot;

import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import org.stylepipe.guides.KeySpan;

/**
 * Where each keyframe's noise points are tracked: its {@link KeySpan} among the recording's keys,
 * cut at the flow breaks around it (a break at n: no flow between frames n and n + 1, where a frame
 * did not decode), so tracking never crosses a missing flow. Pure.
 */
final class KeyPlan {
  private KeyPlan() {}

  /** The span of each key, in key order; {@code keys} sorted, frames numbered 1..{@code length}. */
  static Map<Integer, KeySpan> spans(
      List<Integer> keys, NavigableSet<Integer> breaks, int reach, int length) {
    Map<Integer, KeySpan> spans = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      int key = keys.get(i);
      KeySpan span = KeySpan.of(keys, i, reach, 1, length);
      Integer before = breaks.lower(key);
      Integer after = breaks.ceiling(key);
      spans.put(
          key,
          new KeySpan(
              before == null ? span.first() : Math.max(span.first(), before + 1),
              after == null ? span.last() : Math.min(span.last(), after)));
    }
    return spans;
  }
}
