"""Server metrics in the Prometheus text format (version 0.0.4), formatted with the stdlib only.

The engine's worker thread and the HTTP layer both record into one `Metrics` object; a lock keeps
the counters consistent. `render()` is what `GET /metrics` returns.
"""
import threading
from typing import Dict, List, Optional, Sequence, Tuple

PREFIX = "rhinocoder_"

TTFT_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
TPS_BUCKETS = (1.0, 2.5, 5.0, 10.0, 20.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0)


def _number(value: float) -> str:
    if value == float("inf"):
        return "+Inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _labels(pairs: Sequence[Tuple[str, str]]) -> str:
    if not pairs:
        return ""
    body = ",".join('{}="{}"'.format(k, str(v).replace("\\", "\\\\").replace('"', '\\"')
                                     .replace("\n", "\\n")) for k, v in pairs)
    return "{" + body + "}"


class Histogram:
    """Cumulative buckets, sum and count, as Prometheus expects them."""

    def __init__(self, buckets: Sequence[float]):
        self.bounds = tuple(sorted(buckets)) + (float("inf"),)
        self.counts = [0] * len(self.bounds)
        self.total = 0.0
        self.n = 0

    def observe(self, value: float) -> None:
        for i, bound in enumerate(self.bounds):
            if value <= bound:
                self.counts[i] += 1
        self.total += value
        self.n += 1

    def lines(self, name: str) -> List[str]:
        out = ['{}_bucket{{le="{}"}} {}'.format(name, _number(b), c)
               for b, c in zip(self.bounds, self.counts)]
        out.append("{}_sum {}".format(name, _number(self.total)))
        out.append("{}_count {}".format(name, self.n))
        return out


class Metrics:
    """All the numbers the server exposes. Thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self.requests: Dict[str, int] = {}          # by HTTP status code
        self.prompt_tokens = 0
        self.generated_tokens = 0
        self.cache_hits = 0
        self.cache_misses = 0
        self.cached_tokens = 0
        self.cancelled = 0
        self.drafted = 0
        self.accepted = 0
        self.ttft = Histogram(TTFT_BUCKETS)
        self.tps = Histogram(TPS_BUCKETS)

    def count_request(self, status: int) -> None:
        with self._lock:
            key = str(status)
            self.requests[key] = self.requests.get(key, 0) + 1

    def record_generation(self, prompt_tokens: int, generated_tokens: int, cached_tokens: int,
                          ttft: Optional[float], tokens_per_second: Optional[float],
                          cancelled: bool) -> None:
        with self._lock:
            self.prompt_tokens += prompt_tokens
            self.generated_tokens += generated_tokens
            self.cached_tokens += cached_tokens
            if cached_tokens > 0:
                self.cache_hits += 1
            else:
                self.cache_misses += 1
            if cancelled:
                self.cancelled += 1
            if ttft is not None:
                self.ttft.observe(ttft)
            if tokens_per_second is not None:
                self.tps.observe(tokens_per_second)

    def record_drafts(self, drafted: int, accepted: int) -> None:
        with self._lock:
            self.drafted += drafted
            self.accepted += accepted

    def render(self, gauges: Optional[Dict[str, float]] = None) -> str:
        """Prometheus exposition text; `gauges` adds point-in-time values (queue depth...)."""
        with self._lock:
            lines: List[str] = []

            def family(name: str, kind: str, help_text: str) -> str:
                full = PREFIX + name
                lines.append("# HELP {} {}".format(full, help_text))
                lines.append("# TYPE {} {}".format(full, kind))
                return full

            name = family("requests_total", "counter", "HTTP requests answered, by status code.")
            for status in sorted(self.requests):
                lines.append("{}{} {}".format(name, _labels([("status", status)]),
                                              self.requests[status]))
            for key, value, help_text in (
                ("prompt_tokens_total", self.prompt_tokens, "Prompt tokens received."),
                ("generated_tokens_total", self.generated_tokens, "Tokens generated."),
                ("prompt_cache_hits_total", self.cache_hits,
                 "Generations that reused a cached prompt prefix."),
                ("prompt_cache_misses_total", self.cache_misses,
                 "Generations that found no reusable prefix."),
                ("prompt_cache_tokens_total", self.cached_tokens,
                 "Prompt tokens served from the prompt cache."),
                ("cancelled_total", self.cancelled,
                 "Generations stopped because the client went away."),
                ("speculative_draft_tokens_total", self.drafted,
                 "Prompt-lookup draft tokens proposed."),
                ("speculative_accepted_tokens_total", self.accepted,
                 "Prompt-lookup draft tokens accepted by the model."),
            ):
                lines.append("{} {}".format(family(key, "counter", help_text), value))
            lines += self.ttft.lines(family("time_to_first_token_seconds", "histogram",
                                            "Seconds from start of work to the first token."))
            lines += self.tps.lines(family("generation_tokens_per_second", "histogram",
                                           "Decode speed of each generation."))
            for key, value in sorted((gauges or {}).items()):
                lines.append("{} {}".format(family(key, "gauge", key.replace("_", " ") + "."),
                                            _number(value)))
            return "\n".join(lines) + "\n"
