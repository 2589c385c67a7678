package org.stylepipe.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FewShotLayoutTest {
  @TempDir Path dir;

  @Test
  void namesFollowTheReferenceTools() {
    FewShotLayout layout = new FewShotLayout("s3a://bucket/out/", "run1", 109);
    assertEquals("s3a://bucket/out/run1_train", layout.trainDir());
    assertEquals("s3a://bucket/out/run1_train/input/001.png", layout.trainInput(1));
    assertEquals("s3a://bucket/out/run1_train/mask/005.png", layout.trainMask(5));
    assertEquals("s3a://bucket/out/run1_train/output/005.png", layout.trainOutput(5));
    assertEquals(
        "s3a://bucket/out/run1_train/input_gdisko_gauss_r10_s15/005.png",
        layout.trainNoise(NoiseVariant.DEFAULTS.get(1), 5));
    assertEquals("s3a://bucket/out/run1_gen/input/109.png", layout.genInput(109));
    assertEquals(
        "s3a://bucket/out/run1_gen/input_gdisko_gauss_r10_s10/042.png",
        layout.genNoise(NoiseVariant.DEFAULTS.get(0), 42));
    assertEquals("s3a://bucket/out/run1_gen/flow_fwd/002.A2V2f", layout.flowForward(2));
    assertEquals("s3a://bucket/out/run1_gen/flow_bwd/108.A2V2f", layout.flowBackward(108));
  }

  @Test
  void longSequencesWidenTheNumbersAndKeepTheirOrder() {
    assertEquals("999", new FewShotLayout("/o", "a", 999).stem(999));
    FewShotLayout layout = new FewShotLayout("/o", "a", 1500);
    assertEquals("0001", layout.stem(1));
    assertEquals("1500", layout.stem(1500));
    List<String> names = IntStream.rangeClosed(1, 1500).mapToObj(layout::stem).toList();
    assertEquals(names, names.stream().sorted().toList(), "sorted names are frame order");
    assertEquals("0216000", new FewShotLayout("/o", "a", 2_160_000).stem(216_000));
  }

  @Test
  void framesOutsideTheSequenceAndBadNamesAreClearErrors() {
    FewShotLayout layout = new FewShotLayout("/o", "a", 10);
    assertEquals(
        "Cannot name frame 11: the sequence has frames 1..10",
        assertThrows(IllegalArgumentException.class, () -> layout.genInput(11)).getMessage());
    assertEquals(
        "Cannot name the forward flow of frame 1: it has none",
        assertThrows(IllegalArgumentException.class, () -> layout.flowForward(1)).getMessage());
    assertEquals(
        "Cannot name the backward flow of frame 10: it has none",
        assertThrows(IllegalArgumentException.class, () -> layout.flowBackward(10)).getMessage());
    assertEquals(
        "Cannot use '/data/my_train/a' for a few-shot sequence: it contains '_train', and the trainer finds"
            + " the _gen folder by replacing every '_train' in its data root",
        assertThrows(
                IllegalArgumentException.class, () -> new FewShotLayout("/data/my_train", "a", 10))
            .getMessage());
    assertEquals(
        "Cannot use sequence name 'a/b': use letters, digits, '.', '_' and '-' only",
        assertThrows(IllegalArgumentException.class, () -> new FewShotLayout("/o", "a/b", 10))
            .getMessage());
  }

  @Test
  void theReferenceLoaderFindsEveryFile() throws IOException {
    int frames = 1002; // past %03d
    List<Integer> keys = List.of(1, 500, 1002);
    FewShotLayout layout = new FewShotLayout(dir.toString(), "kart", frames);
    List<String> written = new ArrayList<>();
    for (int n = 1; n <= frames; n++) {
      written.add(layout.genInput(n));
      for (NoiseVariant v : NoiseVariant.DEFAULTS) {
        written.add(layout.genNoise(v, n));
      }
      if (n > 1) {
        written.add(layout.flowForward(n));
      }
      if (n < frames) {
        written.add(layout.flowBackward(n));
      }
    }
    for (int key : keys) {
      written.addAll(
          List.of(layout.trainInput(key), layout.trainMask(key), layout.trainOutput(key)));
      for (NoiseVariant v : NoiseVariant.DEFAULTS) {
        written.add(layout.trainNoise(v, key));
      }
    }
    for (String file : written) {
      Files.createDirectories(Path.of(file).getParent());
      Files.write(Path.of(file), new byte[0]);
    }
    List<String> guides = NoiseVariant.DEFAULTS.stream().map(NoiseVariant::folder).toList();

    Path train = Path.of(layout.trainDir());
    assertEquals(
        keys.size() * (3 + guides.size()), ReferenceLoader.training(train, "input", guides).size());
    Path gen = ReferenceLoader.genRoot(train);
    assertEquals(Path.of(layout.genDir()), gen);
    assertEquals(
        frames * (1 + guides.size()), ReferenceLoader.generation(gen, "input", guides).size());
    assertEquals(2 * (frames - 1), ReferenceLoader.flows(gen, "%04d", 1, frames).size());
    assertEquals(
        IntStream.rangeClosed(1, frames).mapToObj(n -> layout.stem(n) + ".png").toList(),
        ReferenceLoader.sortedNames(gen.resolve("input")),
        "listed in frame order");
    assertEquals(
        written.size(),
        keys.size() * (3 + guides.size()) + frames * (1 + guides.size()) + 2 * (frames - 1));
  }

  @Test
  void noiseVariantsAreNamedAsTheReferenceFolders() {
    assertEquals(
        List.of("input_gdisko_gauss_r10_s10", "input_gdisko_gauss_r10_s15"),
        NoiseVariant.DEFAULTS.stream().map(NoiseVariant::folder).toList());
    assertEquals(new NoiseVariant(10, 15), NoiseVariant.parse("r10_s15"));
    assertEquals("r7.5_s10", NoiseVariant.parse("r7.5_s10").name());
    assertEquals(
        "Cannot parse noise variant 'r10': expected rRADIUS_sSIGMA, e.g. r10_s15",
        assertThrows(IllegalArgumentException.class, () -> NoiseVariant.parse("r10")).getMessage());
  }
}
