"""A model as benchmark solver, through the very Session the plugin runs.

Same prompt (with the document context and API grounding), same static checks, same runner and
rollback, same repair loop. The only addition is timing: a thin client wrapper measures the time
spent inside the model's stream, so the report can say how much the harness adds to generation.
"""
import time
from typing import Any, List, Optional

from rhino_plugin.core.chat import ChatClient
from rhino_plugin.core.prompt import SERVING_EXAMPLES, PromptOptions, serving_options
from rhino_plugin.core.session import Session, SessionOptions

from .eval_run import ServerDied
from .evaluate import Attempt, run_check


class _TimedStream(object):
    def __init__(self, stream, clock):
        self._stream, self._clock = stream, clock

    def __iter__(self):
        it = iter(self._stream)
        while True:
            t0 = time.perf_counter()
            try:
                piece = next(it)
            except StopIteration:
                self._clock.append(time.perf_counter() - t0)
                return
            self._clock.append(time.perf_counter() - t0)
            yield piece

    def close(self):
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class TimedClient(object):
    """ChatClient wrapper: records generation seconds per call and pins the sampling seed (seed + call number)."""

    def __init__(self, client: ChatClient, seed: int = 0):
        self.client, self.seed = client, seed
        self.calls = []  # type: List[List[float]]

    def stream(self, messages, temperature=None, max_tokens=None, cancel=None, **params):
        clock = []  # type: List[float]
        self.calls.append(clock)
        # each attempt its own seed: a repair at a low temperature with the first attempt's seed
        # mostly redrew the same script (81 of 95 repairs in the first tuned run)
        params.setdefault("seed", self.seed + len(self.calls) - 1)
        return _TimedStream(self.client.stream(messages, temperature=temperature, max_tokens=max_tokens,
                                               cancel=cancel, **params), clock)

    def __getattr__(self, name):
        return getattr(self.client, name)


def session_solver(base_url: str, attempts: int = 3, seed: int = 0, model_name: str = "default",
                   max_tokens: int = 512, constrain_names: bool = True, redraws: int = 0,
                   temperature: float = SessionOptions.temperature, prompt: Optional[PromptOptions] = None):
    """A solver that runs each task as one plugin turn; `prompt` defaults to what serving sends."""
    prompt = prompt or serving_options()

    def solve(task, host, selected) -> List[Attempt]:
        client = TimedClient(ChatClient(base_url, model=model_name, read_timeout=300.0), seed=seed)
        options = SessionOptions(attempts=attempts, max_tokens=max_tokens, constrain_names=constrain_names,
                                 temperature=temperature, redraws=redraws, prompt=prompt)
        session = Session(host, client, options)
        turn = session.ask(task.prompt)
        if turn.error == "server":
            raise ServerDied(turn.summary)
        out = []
        call = 0  # an attempt made 1 + redraws calls
        for a in turn.attempts:
            gen = sum(sum(c) for c in client.calls[call:call + 1 + a.redraws])
            call += 1 + a.redraws
            att = Attempt(code=a.code or "", problems=list(a.problems), gen_seconds=gen, redraws=a.redraws)
            if a.result is not None:
                att.ran, att.ok, att.stdout = True, a.result.ok, a.result.stdout
                att.error = a.result.error.to_dict() if a.result.error else None
                if a.result.ok:  # the turn's final, successful run: the document holds its changes
                    att.passed, att.check_message = run_check(
                        host, task, a.result.created, a.result.deleted, selected, a.result.stdout)
            out.append(att)
        return out

    return solve


def make_model_solver(args: Any):
    """(solver, meta, cleanup) for `rhinocoder-train eval --model/--adapter/--server`."""
    from rhino_plugin.core.server_launcher import ServerStartError, ensure_server, health

    try:
        handle = ensure_server(server=args.server, model=args.model, adapter=args.adapter,
                               progress=lambda m: print(m, flush=True))
    except ServerStartError as exc:
        raise SystemExit("rhinocoder-train eval: %s" % exc)
    info = health(handle.url) or {}
    meta = {"model": info.get("model") or args.model, "adapter": info.get("adapter") or args.adapter,
            "attempts": args.attempts, "server": handle.url}
    meta["max_tokens"] = args.max_tokens
    constrain = not getattr(args, "no_constrain_names", False)
    meta["constrain_names"] = constrain
    meta["redraws"] = max(0, getattr(args, "redraws", 0))
    meta["examples"] = max(0, getattr(args, "examples", SERVING_EXAMPLES))
    meta["adapt_examples"] = not getattr(args, "no_adapt_examples", False)
    meta["temperature"] = getattr(args, "temperature", SessionOptions.temperature)
    meta["example_functions_first"] = bool(getattr(args, "example_functions_first", False))
    prompt = serving_options(examples=meta["examples"], adapt_examples=meta["adapt_examples"],
                             example_functions_first=meta["example_functions_first"])
    return (session_solver(handle.url, attempts=args.attempts, seed=args.seed, max_tokens=args.max_tokens,
                           constrain_names=constrain, redraws=meta["redraws"], temperature=meta["temperature"],
                           prompt=prompt),
            meta, handle.stop)
