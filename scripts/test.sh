#!/usr/bin/env bash
# Install consult (distribution name consult-minutes) with every optional part and run the test
# suite (the README's second command).
#
# torch: the bertopic extra needs torch (through sentence-transformers). On Linux x86-64 the torch
# wheels on plain PyPI are the CUDA build: `pip install torch==2.13.0` from PyPI brings torch plus
# the nvidia-* CUDA libraries (several GB), GPU or not. To get the CPU build on such a machine,
# point this script at PyTorch's CPU wheel index:
#     CONSULT_TORCH_INDEX=https://download.pytorch.org/whl/cpu bash scripts/test.sh
# Without it, torch comes from pip's own configuration: a machine whose pip has a local wheel
# directory (find-links) holding torch-2.13.0+cpu, as our CI machines do, gets the CPU build from
# there. If torch cannot be installed, the bertopic extra is left out (its tests are skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
torch_index="${CONSULT_TORCH_INDEX:-}"
torch_args=("torch==2.13.0")
if [ -n "$torch_index" ]; then
  torch_args+=(--index-url "$torch_index" --retries 1 --timeout 30)
fi
extras="test,bertopic,office"
if ! python -m pip install -q "${torch_args[@]}"; then
  echo "consult: torch 2.13.0 not available from ${torch_index:-the configured pip index}; installing without bertopic (its tests will be skipped)" >&2
  extras="test,office"
fi
python -m pip install -q -e ".[$extras]" || python -m pip install -q -e ".[test,office]"
python -m ruff check consult tests benchmarks examples
python -m pytest -q "$@"
