"""Stop sequences on streamed text: never emit part of a stop, find stops that span tokens.

Text arrives in pieces (one detokenized segment per token). The matcher holds back the longest
tail of the text that could still grow into a stop sequence, so a client never sees `` `` `` of a
stop "```" that later completes, and a stop split over several tokens is still found.
"""
from typing import List, Sequence, Tuple


class StopMatcher:
    def __init__(self, stops: Sequence[str] = ()):
        self.stops: List[str] = [s for s in stops if s]
        self._held = ""

    def feed(self, text: str) -> Tuple[str, bool]:
        """Add new text; return (text safe to emit now, whether a stop sequence was hit)."""
        if not self.stops:
            return text, False
        buf = self._held + text
        first = -1
        for stop in self.stops:
            i = buf.find(stop)
            if i != -1 and (first == -1 or i < first):
                first = i
        if first != -1:
            self._held = ""
            return buf[:first], True
        keep = self._partial_tail(buf)
        self._held = buf[len(buf) - keep:] if keep else ""
        return buf[:len(buf) - keep], False

    def flush(self) -> str:
        """Text held back at the end of generation (it never became a stop)."""
        held, self._held = self._held, ""
        return held

    def _partial_tail(self, buf: str) -> int:
        # Length of the longest suffix of buf that is a proper prefix of some stop.
        best = 0
        for stop in self.stops:
            for n in range(min(len(stop) - 1, len(buf)), best, -1):
                if buf.endswith(stop[:n]):
                    best = n
                    break
        return best
