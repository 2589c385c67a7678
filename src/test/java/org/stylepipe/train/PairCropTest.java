package org.stylepipe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.output.FileStore;

class PairCropTest {
  @TempDir Path dir;

  @Test
  void warpsTheFrameBeforeOntoTheFrameAlongTheFlow() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir, 2, 40, 30, true);
    PairData data =
        new PairReader(new FileStore(new Configuration()), 1 << 20).read(pairs.get(0), true);
    PairCrop crop = PairCrop.of(data, 6, 4, 24, 20);
    int plane = 24 * 20;
    int kept = 0;
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 24; x++) {
        int i = y * 24 + x;
        // The source (x - 2, y - 1) is inside the crop exactly where x >= 2 and y >= 1.
        boolean inside = x >= MovingScene.DX && y >= MovingScene.DY;
        assertEquals(inside ? 1f : 0f, crop.mask()[i], "mask at " + x + "," + y);
        if (!inside) {
          continue;
        }
        kept++;
        for (int c = 0; c < 3; c++) {
          float warped = 0;
          for (int k = 0; k < 4; k++) {
            warped +=
                crop.weights()[4 * i + k] * crop.previous()[c * plane + crop.corners()[4 * i + k]];
          }
          assertEquals(crop.current()[c * plane + i], warped, 1e-3, "channel " + c);
        }
        assertEquals(0f, crop.lumaChange()[i], 1e-5f);
      }
    }
    assertEquals(kept, crop.maskedPixels());
  }

  @Test
  void withoutFlowNothingIsCompared() throws Exception {
    List<FramePair> pairs = MovingScene.write(dir, 2, 40, 30, false);
    PairData data =
        new PairReader(new FileStore(new Configuration()), 1 << 20).read(pairs.get(0), false);
    PairCrop crop = PairCrop.of(data, 0, 0, 40, 28);
    assertEquals(0, crop.maskedPixels());
    // RGB planes from BGR bytes: the red plane is the texture's channel 2.
    assertEquals(
        MovingScene.value(5 - 2 * MovingScene.DX, 3 - 2 * MovingScene.DY, 2),
        crop.current()[3 * 40 + 5]);
    assertTrue(crop.target()[0] != crop.current()[0]);
  }
}
