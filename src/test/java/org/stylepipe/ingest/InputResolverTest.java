package org.stylepipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {
  @TempDir Path dir;

  @Test
  void foldersGlobsAndFilesResolveToUniqueRecordingsWithStableIds() throws Exception {
    Files.createDirectories(dir.resolve("a/deep"));
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("a/run 1.mp4"), "x");
    Files.writeString(dir.resolve("a/deep/run2.MKV"), "x");
    Files.writeString(dir.resolve("a/notes.txt"), "x");
    Files.writeString(dir.resolve("b/run2.mkv"), "x");
    Files.writeString(dir.resolve("b/odd.bin"), "x");

    InputResolver.Resolved resolved =
        new InputResolver(new Configuration())
            .resolve(
                List.of(
                    dir.resolve("a").toString(),
                    dir.resolve("b/*.mkv").toString(),
                    dir.resolve("a/run 1.mp4").toString(),
                    dir.resolve("b/odd.bin").toString(),
                    dir.resolve("nope/*.mp4").toString()));

    List<String> ids = resolved.recordings().stream().map(Recording::id).toList();
    assertEquals(4, ids.size(), ids.toString());
    // Folder contents in path order (a/deep/run2.MKV before a/run 1.mp4); the explicit a/run 1.mp4
    // is a duplicate.
    assertEquals("run_1", ids.get(1));
    assertTrue(ids.get(0).startsWith("run2-") && ids.get(2).startsWith("run2-"), ids.toString());
    assertNotEquals(ids.get(0), ids.get(2));
    assertEquals("odd", ids.get(3), "a file named explicitly is taken whatever its extension");
    assertEquals(1, resolved.errors().size());
    assertTrue(resolved.errors().get(0).source().contains("nope"));

    List<String> again =
        new InputResolver(new Configuration())
                .resolve(List.of(dir.resolve("a").toString(), dir.resolve("b/*.mkv").toString()))
                .recordings()
                .stream()
                .map(Recording::id)
                .toList();
    assertEquals(ids.subList(0, 3), again);
  }

  @Test
  void aFolderWithoutRecordingsIsAnError() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    InputResolver.Resolved resolved =
        new InputResolver(new Configuration()).resolve(List.of(dir.resolve("empty").toString()));
    assertTrue(resolved.recordings().isEmpty());
    assertTrue(
        resolved.errors().get(0).reason().contains("no recording found"),
        resolved.errors().toString());
  }
}
