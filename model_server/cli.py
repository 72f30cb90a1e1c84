"""`rhinocoder-server`: serve a local model over an OpenAI-compatible API on 127.0.0.1.

    rhinocoder-server                                  # catalogue default, engine for this platform
    rhinocoder-server --model qwen2.5-coder-0.5b --engine llamacpp
    rhinocoder-server --model ~/models/qwen-coder-7b-4bit --adapter adapters/rhino --port 8081
"""
import argparse
import logging
import os
import sys
from typing import List, Optional


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rhinocoder-server",
        description="OpenAI-compatible chat completions over a local model on MLX or llama.cpp "
                    "(one generation worker, prompt cache, cancel on disconnect).")
    p.add_argument("--model", default="default",
                   help="a catalogue name ('default' = {}; {}), a .gguf file (llama.cpp), an MLX "
                        "model folder or a Hugging Face id (MLX) (default: %(default)s)".format(
                            _catalogue_default(), ", ".join(_catalogue_names())))
    p.add_argument("--engine", default=os.environ.get("RHINOCODER_ENGINE", "auto"),
                   choices=["auto", "mlx", "llamacpp"],
                   help="auto: MLX on Apple silicon, llama.cpp elsewhere; $RHINOCODER_ENGINE sets the "
                        "default, also for servers that `rhinocoder ask` and `eval` start "
                        "(default: %(default)s)")
    p.add_argument("--adapter", default=None,
                   help="LoRA adapter: an MLX adapter folder (mlx) or a GGUF LoRA file (llamacpp); "
                        "'none' disables a catalogue model's own adapter")
    p.add_argument("--context", type=int, default=None,
                   help="llama.cpp context length in tokens (default: min(8192, the model's))")
    p.add_argument("--threads", type=int, default=None,
                   help="llama.cpp threads (default: the CPUs this process may use)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default: %(default)s; anything else exposes the model)")
    p.add_argument("--port", type=int, default=8080, help="port (default: %(default)s)")
    p.add_argument("--api-key", default=None,
                   help="require 'Authorization: Bearer KEY' on /v1/* and /metrics")
    p.add_argument("--max-queue", type=int, default=8,
                   help="requests that may wait behind the running one; more get 429 "
                        "(default: %(default)s)")
    p.add_argument("--max-tokens-limit", type=int, default=4096,
                   help="largest max_tokens a request may ask for (default: %(default)s)")
    p.add_argument("--default-max-tokens", type=int, default=512,
                   help="max_tokens when a request gives none (default: %(default)s)")
    p.add_argument("--max-body-bytes", type=int, default=2_000_000,
                   help="largest request body (default: %(default)s)")
    p.add_argument("--max-messages", type=int, default=256,
                   help="most messages in one request (default: %(default)s)")
    p.add_argument("--max-content-chars", type=int, default=100_000,
                   help="longest message content (default: %(default)s)")
    p.add_argument("--cache-entries", type=int, default=4,
                   help="prompt KV caches kept for prefix reuse (default: %(default)s)")
    p.add_argument("--cache-mib", type=int, default=256,
                   help="most memory the prompt caches may hold, in MiB (MLX: the kept KV caches; "
                        "llama.cpp: its host-memory prompt cache) (default: %(default)s)")
    p.add_argument("--batch", type=int, default=None,
                   help="llama.cpp prompt batch in tokens: a cancel during prefill waits for the "
                        "batch that runs, so smaller stops sooner and prefills slower (default: 512)")
    p.add_argument("--speculative", action="store_true",
                   help="prompt-lookup speculative decoding by default (a request's "
                        "'speculative' field overrides it)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow this browser origin (repeatable); CORS is off by default")
    p.add_argument("--log-level", default="info",
                   choices=["critical", "error", "warning", "info", "debug"],
                   help="log level (default: %(default)s)")
    return p


def _catalogue_default() -> str:
    try:
        from model_server import catalogue
        return catalogue.default_name()
    except Exception:
        return "?"


def _catalogue_names() -> List[str]:
    try:
        from model_server import catalogue
        return catalogue.names()
    except Exception:
        return []


def _check(args: argparse.Namespace) -> Optional[str]:
    for name in ("max_queue", "max_tokens_limit", "default_max_tokens", "max_body_bytes",
                 "max_messages", "max_content_chars"):
        if getattr(args, name) < 1:
            return "--{} must be at least 1".format(name.replace("_", "-"))
    if args.cache_entries < 0:
        return "--cache-entries must be 0 or more"
    if args.cache_mib < 0:
        return "--cache-mib must be 0 or more"
    if args.batch is not None and not 8 <= args.batch <= 8192:
        return "--batch must be between 8 and 8192 tokens"
    from model_server.schemas import MAX_MESSAGES, MAX_TEXT_CHARS
    if args.max_messages > MAX_MESSAGES:
        return "--max-messages must be at most {}".format(MAX_MESSAGES)
    if args.max_content_chars > MAX_TEXT_CHARS:
        return "--max-content-chars must be at most {}".format(MAX_TEXT_CHARS)
    if not 0 < args.port < 65536:
        return "--port must be between 1 and 65535"
    if args.context is not None and not 256 <= args.context <= 1_048_576:
        return "--context must be between 256 and 1048576 tokens"
    if args.threads is not None and not 1 <= args.threads <= 512:
        return "--threads must be between 1 and 512"
    return None


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    problem = _check(args)
    if problem:
        print("rhinocoder-server: error: " + problem, file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        logging.getLogger("rhinocoder.server").warning(
            "binding %s: anyone who can reach this address can use the model%s", args.host,
            "" if args.api_key else " (no --api-key set)")

    from model_server.provider import ModelNotFoundError, choose_engine, load_model
    log = logging.getLogger("rhinocoder.server")
    try:
        kind, why = choose_engine(args.engine, args.model)
        log.info("engine: %s (%s)", kind, why)
        loaded = load_model(args.model, args.adapter, engine=kind)
    except ModelNotFoundError as exc:
        print("rhinocoder-server: " + str(exc), file=sys.stderr)
        return 1

    import uvicorn

    from model_server.app import Settings, create_app
    from model_server.engine import make_engine
    from model_server.schemas import Limits

    extra = {}
    if kind == "llamacpp":
        extra = {"context": args.context, "threads": args.threads, "batch": args.batch}
    elif args.context or args.threads or args.batch:
        log.warning("--context, --threads and --batch apply to the llama.cpp engine only")
    try:
        engine = make_engine(kind, loaded, max_queue=args.max_queue,
                             cache_entries=args.cache_entries, cache_mib=args.cache_mib,
                             speculative=args.speculative, **extra).start()
    except RuntimeError as exc:          # EngineUnavailable: a missing library or unloadable GGUF
        print("rhinocoder-server: " + str(exc), file=sys.stderr)
        return 1
    # Serve only once the samplers are compiled, so /health means "fast from the first request".
    engine.wait_ready(300)
    limits = Limits(max_messages=args.max_messages, max_content_chars=args.max_content_chars,
                    max_tokens_limit=args.max_tokens_limit,
                    default_max_tokens=min(args.default_max_tokens, args.max_tokens_limit))
    from model_server.app import LOOPBACK_NAMES
    hosts = None if args.host in ("0.0.0.0", "::") else sorted(set(LOOPBACK_NAMES) | {args.host.lower()})
    settings = Settings(api_key=args.api_key, max_body_bytes=args.max_body_bytes, limits=limits,
                        cors_origins=list(args.cors_origin), allowed_hosts=hosts)
    app = create_app(engine, settings)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                    timeout_graceful_shutdown=5)
    finally:
        engine.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
