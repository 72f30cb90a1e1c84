"""Training rows with the solved example that serving shows (a preset's `"examples": k`).

Serving puts the most similar solved training request in the user turn (`prompt.example_block`);
a model trained without it has never seen one and copies it verbatim about as often as it adapts
it. With `examples` set, `rhinocoder-train train` writes OUT/data/{train,valid}.jsonl: the same
rows, in the same order, whose first user turn carries `prompt.solved_block` from a library built
from this train.jsonl exactly as `rhinocoder-data examples` builds the plugin's, leaving out
each row's own request and every example whose script is the row's answer. Served requests are
never in the library (the build keeps the benchmark out of the dataset), so a training example
is never the answer either: the model learns to adapt one, not to copy it.

The dataset files and their hashes stay as built; the card records the example counts.
"""
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

from rhino_datasets.examples import examples_from_rows
from rhino_plugin.core.examples import ExampleIndex
from rhino_plugin.core.extract import extract_code
from rhino_plugin.core.files import write_atomic
from rhino_plugin.core.prompt import PromptOptions, insert_block, request_of, shows_selection, solved_block


def with_examples(rows: List[Dict[str, Any]], library: ExampleIndex,
                  options: PromptOptions) -> Tuple[List[Dict[str, Any]], int]:
    """Copies of rows whose first user turn shows up to options.examples solved requests (own
    request and own answer left out); returns them and how many got an example."""
    out, shown = [], 0
    for row in rows:
        messages = [dict(m) for m in row["messages"]]
        first = next((m for m in messages if m["role"] == "user"), None)
        request = request_of(first["content"]) if first else ""
        if request:
            answer = messages[-1]["content"] if messages[-1]["role"] == "assistant" else ""
            answer = (extract_code(answer).code or "").strip()
            block = solved_block(library, request, shows_selection(first["content"]), options,
                                 skip=lambda ex: ex["request"] == request or ex["code"].strip() == answer)
            if block:
                first["content"] = insert_block(first["content"], block)
                shown += 1
        out.append(dict(row, messages=messages))
    return out, shown


def _read(path: Path) -> List[Dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def prepare(data_dir: Path, out_dir: Path, examples: int, budget_tokens: int) -> Dict[str, Any]:
    """Write out_dir/{train,valid}.jsonl with examples; returns the counts for the card."""
    train = _read(data_dir / "train.jsonl")
    library = ExampleIndex(examples_from_rows(train))
    options = PromptOptions(examples=examples, examples_budget_tokens=budget_tokens)
    stats = {"per_row": examples, "budget_tokens": budget_tokens, "library": len(library.examples)}
    for name, rows in (("train", train), ("valid", _read(data_dir / "valid.jsonl"))):
        shown_rows, shown = with_examples(rows, library, options)
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(str(out_dir / ("%s.jsonl" % name)),
                     "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in shown_rows).encode("utf-8"))
        stats[name] = {"rows": len(rows), "with_example": shown}
    return stats
