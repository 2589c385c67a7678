#!/usr/bin/env bash
# Spark GPU discovery script: prints this node's GPUs as Spark's resource scheduling expects them,
#   {"name":"gpu","addresses":["0","1"]}
# The addresses are nvidia-smi's indices, which are the CUDA device numbers a task then uses (gpu:<address>) as
# long as nothing remaps them; where a container or CUDA_VISIBLE_DEVICES exposes only some GPUs, nvidia-smi run
# inside it lists those, numbered from 0. Referenced by conf/spark-gpu.conf.
set -euo pipefail
indices=$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | grep -v '^$' || true)
addresses=$(printf '%s\n' "$indices" | grep -v '^$' | sed 's/.*/"&"/' | paste -sd, - || true)
echo "{\"name\":\"gpu\",\"addresses\":[${addresses}]}"
