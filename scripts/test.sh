#!/usr/bin/env bash
# Install consult with every optional part and run the test suite (the README's second command).
# torch is pinned to the CPU build first so that bertopic does not pull CUDA wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q "torch==2.13.0" || echo "consult: torch 2.13.0 CPU build not available; bertopic tests will be skipped" >&2
python -m pip install -q -e ".[test,bertopic,office]" || python -m pip install -q -e ".[test,office]"
python -m ruff check consult tests benchmarks examples
python -m pytest -q "$@"
