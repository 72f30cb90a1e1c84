"""The dataset card (JSON + Markdown): counts that add up exactly, and token lengths."""
from typing import Any, Dict, List, Optional


def _count(pairs, key) -> Dict[str, int]:
    out = {}  # type: Dict[str, int]
    for p in pairs:
        k = getattr(p, key)
        out[k] = out.get(k, 0) + 1
    return dict(sorted(out.items()))


def percentiles(values: List[int], qs=(50, 90, 95, 99, 100)) -> Dict[str, int]:
    if not values:
        return {}
    v = sorted(values)
    return dict(("p%d" % q, v[min(len(v) - 1, int(round(q / 100.0 * (len(v) - 1))))]) for q in qs)


def build_card(splits: Dict[str, list], candidates: Dict[str, int], dropped: Dict[str, Dict[str, int]],
               token_lengths: Optional[Dict[str, List[int]]], tokenizer_name: str, meta: Dict[str, Any]) -> Dict[str, Any]:
    kept = [p for s in ("train", "valid", "test") for p in splits[s]]
    card = {
        "meta": meta,
        "candidates_by_source": candidates,
        "kept": len(kept),
        "dropped_by_source_and_reason": dropped,
        "dropped": sum(sum(r.values()) for r in dropped.values()),
        "by_split": dict((s, len(splits[s])) for s in ("train", "valid", "test")),
        "by_source": _count(kept, "source"),
        "by_category": _count(kept, "category"),
        "by_kind": _count(kept, "kind"),
        "by_mutation": _count([p for p in kept if p.kind == "repair"], "mutation"),
        "executed": sum(1 for p in kept if p.executed),
        "executed_share": round(sum(1 for p in kept if p.executed) / float(len(kept) or 1), 4),
        "families": dict((s, len(set(p.family for p in splits[s]))) for s in ("train", "valid", "test")),
        "tokenizer": tokenizer_name,
        "token_length_percentiles": dict((s, percentiles(v)) for s, v in (token_lengths or {}).items()),
    }
    # the numbers add up: every candidate is either kept or dropped for one reason
    assert card["kept"] + card["dropped"] == sum(candidates.values()), "card does not add up"
    assert sum(card["by_split"].values()) == card["kept"]
    return card


def markdown(card: Dict[str, Any]) -> str:
    L = ["# RhinoCoder dataset card", "",
         "Built by `rhinocoder-data build` (seed %s) from %s. Every pair is an mlx_lm chat row "
         "(`{\"messages\": [...]}`) whose user turn is exactly what the plugin sends." % (
             card["meta"].get("seed"), card["meta"].get("sources")), "",
         "| | pairs |", "|---|---|"]
    L += ["| candidates (%s) | %d |" % (k, v) for k, v in card["candidates_by_source"].items()]
    L += ["| **kept** | **%d** |" % card["kept"], "| dropped | %d |" % card["dropped"],
          "| executed on rhino_headless | %d (%.1f %%) |" % (card["executed"], 100 * card["executed_share"]), ""]
    for title, key in (("Split", "by_split"), ("Source", "by_source"), ("Kind", "by_kind"),
                       ("Category", "by_category"), ("Repair mutation", "by_mutation")):
        L += ["| %s | pairs |" % title, "|---|---|"] + ["| %s | %d |" % kv for kv in card[key].items()] + [""]
    L += ["## Dropped, by source and reason", "", "| source | reason | pairs |", "|---|---|---|"]
    for src, reasons in card["dropped_by_source_and_reason"].items():
        L += ["| %s | %s | %d |" % (src, r, n) for r, n in sorted(reasons.items())]
    L += ["", "## Token lengths (%s)" % card["tokenizer"], "", "| split | p50 | p90 | p95 | p99 | max |", "|---|---|---|---|---|---|"]
    for s, p in card["token_length_percentiles"].items():
        if p:
            L.append("| %s | %d | %d | %d | %d | %d |" % (s, p["p50"], p["p90"], p["p95"], p["p99"], p["p100"]))
    L += ["", "Families per split: %s. Splits are by family, so no near-duplicate crosses them; "
          "no pair is a near-duplicate of a benchmark task (checked at build time)." % card["families"]]
    return "\n".join(L) + "\n"
