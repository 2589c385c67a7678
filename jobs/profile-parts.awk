# Sorts the CPU samples of an async-profiler collapsed profile (threads mode, 1 ms interval) of a dataset job into
# the parts of a frame's work, in CPU ms per frame, and adds the job's remaining time (its wall time per frame,
# `job_ms`, less the parts: on one CPU, the fixed costs inside the job: probe, Spark, class loading, JIT, GC).
# The samples outside the frames' work are listed apart; they cover the whole JVM run, start-up included.
# Used by jobs/benchmark-dataset --profile.
function part(stack, thread) {
  thread = substr(stack, 1, index(stack, ";"))
  if (thread ~ /GC Thread|G1 |VM Thread/) return "~JVM: garbage collection, safepoints"
  if (thread ~ /Compiler/) return "~JVM: JIT compiler"
  if (stack ~ /Loader\.load|ClassLoader|JNI_OnLoad/) return "~class and native-library loading"
  if (stack ~ /JpegEncoder\.encode/) {
    if (stack ~ /libswscale[^;]*$/) return "JPEG: BGR to YUV 4:2:0"
    if (stack ~ /av_image_copy_plane/) return "JPEG: YUV copied into the encoder's frame"
    return "JPEG encode (FFmpeg MJPEG)"
  }
  if (stack ~ /imencode/) return "PNG encode (OpenCV: libpng, zlib)"
  if (stack ~ /FrameScaler\.convert/) return "swscale to the output size (BGR; JPEG: YUV)"
  if (stack ~ /FrameMirror/) return "mirror"
  if (stack ~ /MessageDigest|DigestBase|sha256/) return "SHA-256"
  if (stack ~ /FileStore\.write/) return "file write (temporary name, rename)"
  if (stack ~ /SegmentReader/) return "decode (demux, H.264)"
  if (stack ~ /ManifestRow|ParquetBytes/) return "manifest (Parquet)"
  if (stack ~ /RecordingProbe/) return "~probe (demux every packet)"
  if (stack ~ /^\[(main|Executor task launch|stylepipe-writer)/) return "~Spark, driver and task threads (rest)"
  return "~other threads (Spark, JVM)"
}
{
  n = $NF
  sub(/ [0-9]+$/, "")
  ms[part($0)] += n
  total += n
}
END {
  for (p in ms) {
    if (p !~ /^~/) {
      printf "  %-44s %6.2f ms/frame\n", p, ms[p] / frames
      work += ms[p]
    }
  }
  printf "  %-44s %6.2f ms/frame\n", "rest of the job (probe, Spark, JVM)", job_ms - work / frames
  printf "  %-44s %6.2f ms/frame = the job's wall time per frame\n", "total", job_ms
  print "  outside the frames' work, whole JVM run (start-up included):"
  for (p in ms) if (p ~ /^~/) printf "    %-42s %6.2f ms/frame\n", substr(p, 2), ms[p] / frames
}
