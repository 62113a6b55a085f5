#!/usr/bin/env bash
# Install consult (distribution name consult-minutes) with every optional part and run the test
# suite (the README's second command).
#
# torch: the bertopic extra needs torch (through sentence-transformers). On Linux x86-64 the torch
# wheels on plain PyPI are the CUDA build: `pip install torch==2.13.0` from PyPI brings torch plus
# the nvidia-* CUDA libraries (several GB), GPU or not. The CPU build (torch==2.13.0+cpu) is on
# PyTorch's index, so it is installed first from there and the extra then keeps it:
#     pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
# A machine whose pip is configured with a local wheel directory (find-links) holding
# torch-2.13.0+cpu gets it from there even when download.pytorch.org is unreachable (pip prefers
# 2.13.0+cpu over 2.13.0). If no CPU build can be installed, the bertopic extra is left out (its
# tests are skipped) instead of pulling CUDA wheels. CONSULT_TORCH_INDEX overrides the index;
# set it empty to take torch from pip's own index (CUDA on Linux).
set -euo pipefail
cd "$(dirname "$0")/.."
torch_index="${CONSULT_TORCH_INDEX-https://download.pytorch.org/whl/cpu}"
torch_args=("torch==2.13.0")
if [ -n "$torch_index" ]; then
  torch_args+=(--index-url "$torch_index" --retries 1 --timeout 30)
fi
extras="test,bertopic,office"
if ! python -m pip install -q "${torch_args[@]}"; then
  echo "consult: torch 2.13.0 CPU build not available from ${torch_index:-the default index}; installing without bertopic (its tests will be skipped)" >&2
  extras="test,office"
fi
python -m pip install -q -e ".[$extras]" || python -m pip install -q -e ".[test,office]"
python -m ruff check consult tests benchmarks examples
python -m pytest -q "$@"
