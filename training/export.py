"""`rhinocoder-train export`: an MLX LoRA adapter as a GGUF LoRA adapter for llama.cpp, Ollama
and LM Studio (and optionally the base model as a GGUF to go with it).

    rhinocoder-train export model_server/adapters/default --out rhino-lora.gguf
    rhinocoder-server --model smollm2-135m --engine llamacpp --adapter rhino-lora.gguf

The base model comes from the adapter's own adapter_config.json (`model`: a catalogue name or an
MLX folder) unless --base names one. The conversion is model_server.gguf_export's.
"""
import sys
from pathlib import Path


def add_arguments(p):
    p.add_argument("adapter", help="an mlx_lm adapter folder (adapters.safetensors + adapter_config.json)")
    p.add_argument("--out", required=True, help="the GGUF LoRA file to write")
    p.add_argument("--base", default=None,
                   help="base model (catalogue name or MLX folder); default: adapter_config.json's model")
    p.add_argument("--base-out", default=None,
                   help="also write the base model as a float32 GGUF here (for a llama.cpp without "
                        "the catalogue's GGUF)")


def main(args) -> int:
    import json

    from model_server.gguf_export import ExportError, export_adapter, export_model
    from model_server.resolve import ModelNotFoundError, resolve_model

    adapter = Path(args.adapter)
    try:
        base = args.base or json.loads((adapter / "adapter_config.json").read_text()).get("model")
        if not base:
            raise ExportError("adapter_config.json names no base model: pass --base")
        folder = resolve_model(base, adapter="none").path
        out = export_adapter(adapter, folder, args.out)
        print("wrote {} (LoRA for {})".format(out, base))
        if args.base_out:
            print("wrote {}".format(export_model(folder, args.base_out)))
    except (ExportError, ModelNotFoundError, OSError, ValueError) as exc:
        print("rhinocoder-train export: {}".format(exc), file=sys.stderr)
        return 2
    return 0
