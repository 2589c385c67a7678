package org.stylepipe.train;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowFile;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;

/**
 * Reads the files of {@link FramePair}s through Hadoop's file systems: images decoded to BGR (kept
 * in a cache of decoded images up to a byte budget, least recently used out first, since most
 * frames belong to two pairs and every pair is read many times), flows read each time. Not
 * thread-safe.
 */
final class PairReader {
  private final FileStore store;
  private final long cacheBytes;
  private final Map<String, BgrImage> cache = new LinkedHashMap<>(256, 0.75f, true);
  private long cached;

  PairReader(FileStore store, long cacheBytes) {
    this.store = store;
    this.cacheBytes = cacheBytes;
  }

  /** The pair's frames and targets, and its flows if {@code withFlow}. */
  PairData read(FramePair pair, boolean withFlow) throws IOException {
    return new PairData(
        image(pair.previousInput()),
        image(pair.input()),
        image(pair.previousTarget()),
        image(pair.target()),
        withFlow ? flow(pair.flowToPrevious()) : null,
        withFlow ? flow(pair.flowFromPrevious()) : null);
  }

  private BgrImage image(String uri) throws IOException {
    BgrImage image = cache.get(uri);
    if (image != null) {
      return image;
    }
    try (Mat mat = ImageDecoder.decode(bytes(uri), IMREAD_COLOR, uri)) {
      byte[] bgr = new byte[(int) (mat.total() * mat.channels())];
      mat.data().get(bgr);
      image = new BgrImage(mat.cols(), mat.rows(), bgr);
    }
    cache.put(uri, image);
    cached += image.bgr().length;
    Iterator<BgrImage> oldest = cache.values().iterator();
    while (cached > cacheBytes && oldest.hasNext()) {
      cached -= oldest.next().bgr().length;
      oldest.remove();
    }
    return image;
  }

  private FlowField flow(String uri) throws IOException {
    try {
      return FlowFile.decode(bytes(uri));
    } catch (IllegalArgumentException e) {
      throw new IOException("Cannot read flow " + uri + ": " + e.getMessage(), e);
    }
  }

  private byte[] bytes(String uri) throws IOException {
    try {
      return store.read(uri);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("Cannot read " + uri + ": it does not exist");
    }
  }
}
