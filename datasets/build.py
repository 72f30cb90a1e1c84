"""`rhinocoder-data build`: sources → executed, verified pairs → family-safe splits → chat JSONL + card.

    rhinocoder-data build [--sources DIR] [--out DIR] [--seed N] [--jobs N] [--skip-missing]

Stages (each with a progress bar): read sources → static clean (the project's checker: no
unknown names, safe) → execute every candidate on a fresh headless document (synthetic pairs
must also pass their family checker) → repair conversations from executed scripts → exact and
near-duplicate removal → split by family → benchmark contamination check (a leak fails the
build) → write train/valid/test.jsonl and the card into a temporary folder renamed onto OUT at
the end, so a crash never leaves a half-written dataset. Same seed, same bytes.
"""
import json
import os
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

from rhino_plugin.core.files import atomic_folder

from .records import Candidate, Pair, near_key

SOURCE_FILES = {"rhinoscriptsyntax": ["rhinoscriptsyntax.json"],
                "rhinocommon": ["rhinocommon_api_examples.json", "rhinocommon_api_info.json"]}


class BuildError(Exception):
    pass


def _bar(total, desc):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="pair", file=sys.stderr, dynamic_ncols=True, leave=True)


def check_sources(sources: Path, skip_missing: bool) -> List[str]:
    """The sources usable for this build; a missing or malformed file stops the build unless asked."""
    usable, problems = [], []
    for name, files in SOURCE_FILES.items():
        bad = None
        for f in files:
            path = sources / f
            if not path.is_file():
                bad = "%s is missing" % path
                break
            try:
                with open(path, encoding="utf-8") as fh:
                    data = json.load(fh)
                if not isinstance(data, list) or not data:
                    bad = "%s is not a non-empty JSON list" % path
            except (ValueError, UnicodeDecodeError) as exc:
                bad = "%s is malformed (%s)" % (path, exc)
            if bad:
                break
        if bad:
            problems.append(bad)
        else:
            usable.append(name)
    if problems and not skip_missing:
        raise BuildError("; ".join(problems) + " (fix the sources, or pass --skip-missing to build from the others)")
    for p in problems:
        print("rhinocoder-data build: skipping: %s" % p, file=sys.stderr)
    return usable


def _static_clean(cands: List[Candidate], dropped: Dict[str, Dict[str, int]]) -> List[Candidate]:
    from rhino_plugin.core.checks import check

    kept, seen = [], {}
    for c in cands:
        key = c.code
        if key not in seen:
            seen[key] = [p for p in check(c.code) if p.code in ("syntax", "unknown-name", "unsafe", "bad-arguments")]
        problems = seen[key]
        if problems:
            reason = "checker-" + problems[0].code
            dropped.setdefault(c.source, {})[reason] = dropped.setdefault(c.source, {}).get(reason, 0) + 1
            continue
        kept.append(c)
    return kept


def _execute(cands: List[Candidate], jobs: int, desc: str, dropped: Dict[str, Dict[str, int]]):
    from .execute import run_all

    bar = _bar(len(cands), desc)
    try:
        results = run_all(cands, jobs=jobs, progress=bar.update)
    finally:
        bar.close()
    pairs, per_family = [], {}
    for c, (pair, why) in zip(cands, results):
        stats = per_family.setdefault(c.family, [0, 0])
        stats[1] += 1
        if pair is None:
            dropped.setdefault(c.source, {})[why] = dropped.setdefault(c.source, {}).get(why, 0) + 1
            continue
        stats[0] += 1
        pairs.append((c, pair))
    return pairs, per_family


def _token_lengths(splits, progress: bool = True):
    """Token counts with the default model's tokenizer (chat template applied), else None."""
    try:
        from model_server.default_model import ensure_default_model
        from tokenizers import Tokenizer

        folder = ensure_default_model(progress=progress)
        tok = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
    except Exception as exc:  # offline, or the model cannot be prepared: say so in the card
        print("rhinocoder-data build: no default tokenizer (%s); token lengths omitted" % exc, file=sys.stderr)
        return None, "unavailable"
    out = {}
    for name, pairs in splits.items():
        texts = ["".join("<|im_start|>%s\n%s<|im_end|>\n" % (m["role"], m["content"]) for m in p.messages) for p in pairs]
        out[name] = [len(e.ids) for e in tok.encode_batch(texts)] if texts else []
    return out, "SmolLM2-135M-Instruct (ChatML)"


def _write_jsonl(path: Path, pairs: List[Pair]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for p in pairs:
            fh.write(json.dumps({"messages": p.messages, "meta": p.meta()}, ensure_ascii=False, sort_keys=True) + "\n")


def build(sources: Path, out: Path, seed: int = 0, jobs: int = 1, skip_missing: bool = False,
          tasks_file: Optional[Path] = None, progress: bool = True, limit: Optional[int] = None,
          token_lengths: bool = True) -> Dict:
    from rhino_plugin.core import api_index

    from . import card as cards
    from . import repairs, split
    from .sources import rhinocommon as rc
    from .sources import rhinoscriptsyntax as rsx
    from .synthetic import core as synthetic

    started = time.time()
    usable = check_sources(sources, skip_missing)
    official = set(api_index.load().rs_names())
    dropped = {}  # type: Dict[str, Dict[str, int]]
    cands = []  # type: List[Candidate]
    negatives = []
    if "rhinoscriptsyntax" in usable:
        c, d, negatives = rsx.read(sources, official)
        cands += c
        dropped["rhinoscriptsyntax"] = dict(d)
    if "rhinocommon" in usable:
        c1, d1 = rc.read_examples(sources)
        c2, _ = rc.read_members(sources)
        cands += c1 + c2
        dropped["rhinocommon"] = dict(d1)
    cands += synthetic.candidates(seed)
    if limit:
        cands = cands[::max(1, len(cands) // limit)]
    candidates_by_source = {}
    for c in cands:
        candidates_by_source[c.source] = candidates_by_source.get(c.source, 0) + 1
    for src, d in dropped.items():  # reader drops count as candidates too
        candidates_by_source[src] = candidates_by_source.get(src, 0) + sum(d.values())

    cands = _static_clean(cands, dropped)
    executed, per_family = _execute(cands, jobs, "execute", dropped)
    empty = sorted(f for f, (ok, n) in per_family.items() if f.startswith("syn:") and ok == 0)
    for f in empty:
        print("rhinocoder-data build: family %s: the checker rejected every instance" % f, file=sys.stderr)

    base = [(c, p.code) for c, p in executed if p.executed and c.kind != "repair" and c.source != "rhinocommon"]
    rep = repairs.candidates_from(base, official, seed)
    for c in rep:
        candidates_by_source[c.source] = candidates_by_source.get(c.source, 0) + 1
    repaired, _ = _execute(rep, jobs, "repairs", dropped)

    pairs, seen = [], set()
    for c, p in executed + repaired:
        key = near_key(p.request, p.code) + ("|" + p.messages[-3]["content"] if p.kind == "repair" else "")
        if key in seen:
            dropped.setdefault(p.source, {})["near-duplicate"] = dropped.setdefault(p.source, {}).get("near-duplicate", 0) + 1
            continue
        seen.add(key)
        pairs.append(p)

    splits = split.assign(pairs, seed)
    tasks_file = tasks_file or Path(__file__).resolve().parent / "benchmark" / "tasks.jsonl"
    tasks = [json.loads(l) for l in tasks_file.read_text(encoding="utf-8").splitlines() if l.strip()]
    leaks = split.contamination(pairs, tasks)
    if leaks:
        for l in leaks[:20]:
            print("LEAK %(task)s (%(why)s): %(family)s: %(request)s" % l, file=sys.stderr)
        raise BuildError("%d training pairs are near-duplicates of benchmark tasks; reword those families" % len(leaks))

    import random

    for name in splits:  # deterministic order: by family, then a seeded shuffle
        splits[name].sort(key=lambda p: (p.family, p.kind, p.request, p.code))
        random.Random("%d:%s" % (seed, name)).shuffle(splits[name])
    lengths, tok_name = _token_lengths(splits, progress) if token_lengths else (None, "not computed")
    meta = {"seed": seed, "sources": str(sources), "skipped_sources": sorted(set(SOURCE_FILES) - set(usable)),
            "empty_families": empty, "negative_examples": len(negatives), "limit": limit}
    card = cards.build_card(splits, candidates_by_source, dropped, lengths, tok_name, meta)

    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_folder(str(out)) as staged:
        tmp = Path(staged)
        for name in ("train", "valid", "test"):
            _write_jsonl(tmp / ("%s.jsonl" % name), splits[name])
        (tmp / "card.json").write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        (tmp / "card.md").write_text(cards.markdown(card), encoding="utf-8")
        with open(tmp / "negatives.jsonl", "w", encoding="utf-8") as fh:
            for n in negatives:
                fh.write(json.dumps(n, sort_keys=True) + "\n")
    _regenerate_api_index(sources)
    print("rhinocoder-data build: %d pairs (train %d, valid %d, test %d), %.1f %% executed, in %.0f s -> %s" % (
        card["kept"], card["by_split"]["train"], card["by_split"]["valid"], card["by_split"]["test"],
        100 * card["executed_share"], time.time() - started, out), file=sys.stderr)
    return card


def _regenerate_api_index(sources: Path) -> None:
    """The checker's API index is rebuilt from the same sources (deterministic: no diff unless they changed)."""
    from . import api_index as gen

    try:
        gen.write(gen.build(str(sources)), gen.DEFAULT_OUT)
    except (FileNotFoundError, ImportError) as exc:
        print("rhinocoder-data build: API index not regenerated: %s" % exc, file=sys.stderr)


def add_arguments(p):
    p.add_argument("--sources", default=None, help="sources folder (default: $RHINOCODER_SOURCES, else ../shared/sources, else the repo's sources/)")
    p.add_argument("--out", default="data/rhino", help="output folder (default data/rhino)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    p.add_argument("--skip-missing", action="store_true", help="build from the sources that are usable")
    p.add_argument("--limit", type=int, default=None, help="about this many candidates (a quick sample build)")


def main(args) -> int:
    from .api_index import sources_dir

    sources = Path(sources_dir(args.sources))
    try:
        build(sources, Path(args.out), seed=args.seed, jobs=args.jobs, skip_missing=args.skip_missing,
              limit=args.limit)
    except BuildError as exc:
        print("rhinocoder-data build: %s" % exc, file=sys.stderr)
        return 2
    return 0
