"""A small LRU of KV caches keyed by the tokens they hold; reuse the longest common prefix.

RhinoCoder sends the same system prompt (and, in a repair, the same conversation) every turn, so
the next prompt usually starts with tokens some recent request already ran through the model.
`fetch()` finds the entry sharing the longest prefix with the new prompt and returns a private
copy of its cache trimmed to that prefix; the entry itself stays untouched for later requests.
Only the engine's worker thread uses this object.

Bounded twice: at most `max_entries` entries and at most `max_bytes` of KV arrays in all (the
arrays' own sizes, preallocated room included; `--cache-mib`, default 256 MiB, the same bound
llama.cpp's host-memory prompt cache gets). The least recently used entries go first; an entry
bigger than the whole budget is not kept.
"""
import copy
from typing import Any, List, Optional, Tuple

from model_server.fast_blas import ensure_fast_blas

ensure_fast_blas()

from mlx_lm.models.cache import (KVCache, can_trim_prompt_cache,  # noqa: E402
                                 make_prompt_cache, trim_prompt_cache)


DEFAULT_CACHE_MIB = 256


def cache_bytes(cache: List[Any]) -> int:
    """Bytes held by a prompt cache's arrays. Every mlx_lm cache class reports `nbytes`; only the
    abstract base raises NotImplementedError, so a model's own cache class without it counts 0."""
    total = 0
    for c in cache:
        try:
            total += int(c.nbytes)
        except NotImplementedError:
            pass
    return total


def common_prefix(a: List[int], b: List[int]) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _clone_prefix(cache: List[Any], n: int) -> Optional[List[Any]]:
    """A copy of `cache` holding its first n tokens, or None when the cache can't be cut there."""
    if all(type(c) is KVCache and c.keys is not None for c in cache):
        out = []
        for c in cache:
            # Slices are new arrays: writes into the copy never reach the stored entry.
            fresh = KVCache()
            fresh.keys = c.keys[..., :n, :]
            fresh.values = c.values[..., :n, :]
            fresh.offset = n
            out.append(fresh)
        return out
    if not can_trim_prompt_cache(cache):
        return None
    out = copy.deepcopy(cache)
    trim_prompt_cache(out, out[0].offset - n)
    return out


class PromptCacheStore:
    def __init__(self, model, max_entries: int = 4, max_bytes: int = DEFAULT_CACHE_MIB * 1024 * 1024):
        self.model = model
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: List[Tuple[List[int], List[Any], int]] = []   # (tokens, cache, bytes), oldest first

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def nbytes(self) -> int:
        """Bytes held by all entries."""
        return sum(entry[2] for entry in self._entries)

    def fetch(self, prompt: List[int]) -> Tuple[List[Any], int]:
        """(a cache to extend, how many leading prompt tokens it already holds)."""
        best, best_len = -1, 0
        for i, (tokens, _, _) in enumerate(self._entries):
            n = common_prefix(tokens, prompt)
            if n > best_len:
                best, best_len = i, n
        # At least one prompt token must go through the model to get logits for the next one.
        best_len = min(best_len, len(prompt) - 1)
        if best >= 0 and best_len > 0:
            entry = self._entries.pop(best)
            self._entries.append(entry)                    # most recently used last
            cache = entry[1]
            clone = _clone_prefix(cache, best_len)
            if clone is not None:
                return clone, best_len
        return make_prompt_cache(self.model), 0

    def insert(self, tokens: List[int], cache: List[Any]) -> None:
        """Keep `cache`, which holds exactly `tokens`; drop entries it makes redundant, then the
        least recently used ones until the store fits its entry and byte bounds."""
        if not tokens or self.max_entries <= 0:
            return
        size = cache_bytes(cache)
        if size > self.max_bytes:
            return                  # alone over the budget: keep what is there instead
        kept = []
        for entry in self._entries:
            old_tokens = entry[0]
            if len(old_tokens) <= len(tokens) and tokens[:len(old_tokens)] == old_tokens:
                continue            # a prefix of the new entry: the new one serves it too
            kept.append(entry)
        kept.append((list(tokens), cache, size))
        kept = kept[-self.max_entries:]
        total = sum(entry[2] for entry in kept)
        while total > self.max_bytes:
            total -= kept.pop(0)[2]
        self._entries = kept

    def clear(self) -> None:
        self._entries = []
