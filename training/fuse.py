"""`rhinocoder-train fuse`: fold a LoRA adapter into its base model (a plain MLX folder).

    rhinocoder-train fuse --model default --adapter runs/smollm2-lora --out models/rhino-smollm2

The fused folder serves without `--adapter` and gives the same output as base + adapter.
Written to a temporary folder beside OUT and renamed at the end, so a crash never leaves a
half-written model.
"""
import sys
from pathlib import Path

from rhino_plugin.core.files import atomic_folder


def fuse(model: str, adapter: str, out: str) -> Path:
    from model_server.fast_blas import ensure_fast_blas

    ensure_fast_blas()
    from mlx.utils import tree_unflatten
    from mlx_lm import load
    from mlx_lm.utils import save
    from model_server.resolve import resolve_model

    base = str(resolve_model(model).path)
    adapter_dir = Path(adapter)
    if not (adapter_dir / "adapters.safetensors").exists() or not (adapter_dir / "adapter_config.json").exists():
        raise FileNotFoundError("%s is not an adapter folder (needs adapters.safetensors and adapter_config.json)"
                                % adapter_dir)
    m, tok, config = load(base, adapter_path=str(adapter_dir), return_config=True)
    fused = [(n, mod.fuse()) for n, mod in m.named_modules() if hasattr(mod, "fuse")]
    if fused:
        m.update_modules(tree_unflatten(fused))
    target = Path(out).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_folder(str(target)) as tmp:
        save(Path(tmp), base, m, tok, config, donate_model=False)
    return target


def add_arguments(p):
    p.add_argument("--model", default="default", help="base model: default, a local MLX folder or a hub id")
    p.add_argument("--adapter", required=True, help="adapter folder (adapters.safetensors + adapter_config.json)")
    p.add_argument("--out", required=True, help="folder for the fused model")


def main(args) -> int:
    try:
        path = fuse(args.model, args.adapter, args.out)
    except FileNotFoundError as exc:
        print("rhinocoder-train fuse: %s" % exc, file=sys.stderr)
        return 2
    print("fused model written to %s" % path)
    return 0
