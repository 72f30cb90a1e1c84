#!/usr/bin/env bash
# Set up RhinoCoder on this machine: Debian's OpenBLAS (fast BLAS for MLX on Linux CPU) where apt
# can install it, a virtual environment in .venv, and the project with all extras. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

if [ "$(uname -s)" = "Linux" ] && [ ! -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0 ] \
   && [ ! -e /usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "setup: installing Debian's OpenBLAS (MLX's bundled reference BLAS is ~30x slower)"
    apt-get update -qq >/dev/null && apt-get install -y -qq libopenblas0-pthread >/dev/null \
      || echo "setup: OpenBLAS install failed; MLX will use its slow bundled BLAS"
  else
    echo "setup: no root apt-get; install libopenblas0-pthread (or set MLX_OPENBLAS) for fast MLX on CPU"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q -U pip
fi
# Reinstall only when the project metadata changed since the last install.
stamp=.venv/.rhinocoder-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q -e ".[all,test]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import rhino_plugin, rhino_headless, model_server, rhino_datasets, training" 
  touch "$stamp"
fi
echo "setup: ok ($(.venv/bin/python --version))"
