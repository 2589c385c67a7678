package org.stylepipe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stylepipe.video.H264Rate;

class StylizeConfigTest {
  private static StylizeConfig parse(String... extra) {
    return withModel("m.onnx", extra);
  }

  private static StylizeConfig withModel(String model, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("--input", "a.mp4", "--output", "out", "--model", model));
    args.addAll(List.of(extra));
    return StylizeConfig.from(OptionMap.fromArgs(args));
  }

  private static void assertRejected(String message, String... extra) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(extra));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void defaults() {
    StylizeSettings s = parse().settings();
    assertEquals(
        new StylizeSettings(
            4,
            DeviceMode.AUTO,
            false,
            false,
            0,
            0,
            false,
            true,
            22,
            0,
            GuideMode.NONE,
            1,
            1,
            EncoderMode.OPENH264),
        s);
    assertEquals(10_000_000, parse().segmentMicros());
    assertTrue(Path.of(parse().model()).isAbsolute());
    assertEquals("s3a://bucket/m.onnx", withModel("s3a://bucket/m.onnx").model());
    assertEquals(null, parse().modelSha256());
    assertEquals(new H264Rate(22, 5_529_600), s.videoRate(640, 576, 30)); // 0.5 bits/pixel/frame
    assertEquals(new H264Rate(22, 2_000_000), s.videoRate(96, 64, 30));
    assertEquals(new H264Rate(22, H264Rate.MAX_BIT_RATE), s.videoRate(7680, 4320, 60));
    assertEquals(
        new H264Rate(30, 3_000_000),
        parse("--video-kbps", "3000", "--video-quality", "30").settings().videoRate(96, 64, 30));
    assertEquals(EncoderMode.NVENC, parse("--encoder", "nvenc").settings().encoder());
  }

  @Test
  void withoutAModelTheDefaultModelRunsUnguided() {
    StylizeConfig config =
        StylizeConfig.from(OptionMap.fromArgs(List.of("--input", "a.mp4", "--output", "out")));
    assertEquals(null, config.model());
    assertEquals("default: mosaic-student.npz", config.options().get(StylizeConfig.MODEL));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StylizeConfig.from(
                    OptionMap.fromArgs(
                        List.of("--input", "a.mp4", "--output", "out", "--guide", "black"))));
    assertEquals(
        "Cannot use --guide black without --model: the default model takes no guide image; give a"
            + " guided model with --model",
        e.getMessage());
  }

  @Test
  void rejectsBadValuesNamingTheOption() {
    assertRejected(
        "--size 641x480: H.264 video needs an even width and height", "--size", "641x480");
    assertRejected("--half true with --device cpu", "--half", "true", "--device", "cpu");
    assertRejected("nothing would be written", "--video", "false");
    assertRejected(
        "Cannot use --encoder x264: expected one of [openh264, nvenc, auto]", "--encoder", "x264");
    assertRejected("--device tpu: expected one of [auto, cpu, gpu]", "--device", "tpu");
    assertRejected("--batch-size 0", "--batch-size", "0");
    assertRejected("--video-kbps fast", "--video-kbps", "fast");
    assertRejected("from 50 to 240000", "--video-kbps", "240001");
    assertRejected("--video-quality 0", "--video-quality", "0");
    assertRejected("--video-quality 52", "--video-quality", "52");
    assertRejected("[sample]", "--sample", "all");
    assertRejected("--model-sha256 abc: expected 64 hexadecimal digits", "--model-sha256", "abc");
  }

  @Test
  void theFingerprintNamesTheModelByChecksumAndEngineAndLeavesOutSpeedSettings() {
    String sha = "ab".repeat(32);
    assertEquals(sha, parse("--model-sha256", sha.toUpperCase()).modelSha256());
    String fingerprint = parse().fingerprint(sha, "OnnxRuntime");
    assertTrue(fingerprint.contains("model-sha256=" + sha + " engine=OnnxRuntime"), fingerprint);
    assertEquals(
        fingerprint,
        withModel("s3a://elsewhere/m.onnx", "--batch-size", "8", "--model-threads", "2")
            .fingerprint(sha, "OnnxRuntime"));
    assertTrue(!fingerprint.equals(parse("--size", "320x240").fingerprint(sha, "OnnxRuntime")));
    assertTrue(!fingerprint.equals(parse().fingerprint("cd".repeat(32), "OnnxRuntime")));
    assertTrue(!fingerprint.equals(parse().fingerprint(sha, "PyTorch")));
  }

  @Test
  void theEngineIsAutoPytorchOrOnnxRuntimeAndHalfPrecisionNeedsPytorch() {
    assertEquals(EngineMode.AUTO, parse().engine());
    assertEquals(EngineMode.ONNXRUNTIME, parse("--engine", "onnxruntime").engine());
    assertEquals(EngineMode.PYTORCH, parse("--engine", "PyTorch", "--half", "true").engine());
    assertEquals("onnxruntime", parse("--engine", "onnxruntime").options().get("engine"));
    assertRejected(
        "Cannot use --engine tensorflow: expected one of [auto, pytorch, onnxruntime]",
        "--engine",
        "tensorflow");
    assertRejected(
        "Cannot use --half true with --engine onnxruntime: half precision runs .npz models on the"
            + " PyTorch engine only; use --engine pytorch or auto",
        "--engine",
        "onnxruntime",
        "--half",
        "true");
  }

  @Test
  void noiseGuidesFromRecordingsOrADataset() {
    StylizeConfig recordings = parse("--guide", "noise:r10_s15", "--keyframes", "every:50");
    assertEquals(GuideMode.NOISE, recordings.settings().guide());
    assertEquals("r10_s15", recordings.guideVariant());
    assertEquals(false, recordings.noiseGuides().flowFiles());
    assertEquals(2, recordings.noiseGuides().noise().size());
    StylizeConfig dataset =
        StylizeConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--dataset",
                    "ds",
                    "--output",
                    "o",
                    "--model",
                    "m.pt",
                    "--guide",
                    "noise",
                    "--sequences",
                    "original")));
    assertTrue(dataset.inputs().isEmpty());
    assertTrue(dataset.settings().writeFrames());
    assertTrue(dataset.originalSequences() && !dataset.mirroredSequences());
    assertEquals(null, dataset.noiseGuides());

    assertRejected(
        "noise:r5_s5: it is not one of the noise variants made", "--guide", "noise:r5_s5");
    assertRejected(
        "[--keyframes] here: it applies with --input and --guide noise", "--keyframes", "every:5");
    assertRejected("both --input", "--dataset", "ds");
    assertRejected("expected none, black, noise or noise:VARIANT", "--guide", "black:r10_s10");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StylizeConfig.from(
                    OptionMap.fromArgs(
                        List.of(
                            "--dataset",
                            "ds",
                            "--output",
                            "o",
                            "--model",
                            "m.pt",
                            "--guide",
                            "black"))));
    assertTrue(e.getMessage().contains("it is stylized with its noise guides"), e.getMessage());
  }
}
