"""Prompt-lookup speculative decoding on repair prompts: generated tokens/s on vs off.

    .venv/bin/python benchmarks/speculative_bench.py [--model default] [--max-tokens 256] [--repeats 2]

Each prompt is a repair turn as RhinoCoder sends it: the system prompt, the user's request, the
previous (failing) 20-40 line rhinoscriptsyntax script and its traceback, then "fix it". Greedy
decoding, same prompt cache treatment for both runs (cold cache), on/off interleaved so machine
load hits both alike. Prints a Markdown table; the outputs must be identical on and off.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model_server.fast_blas import active_blas, ensure_fast_blas  # noqa: E402

ensure_fast_blas()

import mlx.core as mx  # noqa: E402
from mlx_lm import load  # noqa: E402
from mlx_lm.generate import generate_step  # noqa: E402
from mlx_lm.models.cache import make_prompt_cache  # noqa: E402

from model_server.resolve import resolve_model  # noqa: E402
from model_server.speculative import SpecStats, speculative_generate_step  # noqa: E402

SYSTEM = ("You are RhinoCoder, an assistant that writes Python scripts for Rhino 8 using "
          "rhinoscriptsyntax (imported as rs). When a script fails, reply with the complete "
          "corrected script in one ```python block, changing only what is needed.")

CASES = [
    ("Make a grid of circles on the selected surface's bounding box and put them on a layer 'Grid'.",
     '''import rhinoscriptsyntax as rs

def make_grid(surface_id, count_u, count_v, radius):
    box = rs.BoundingBox(surface_id)
    if not box:
        print("no bounding box")
        return []
    min_pt, max_pt = box[0], box[6]
    step_u = (max_pt[0] - min_pt[0]) / count_u
    step_v = (max_pt[1] - min_pt[1]) / count_v
    circles = []
    for i in range(count_u + 1):
        for j in range(count_v + 1):
            center = (min_pt[0] + i * step_u, min_pt[1] + j * step_v, min_pt[2])
            circles.append(rs.AddCircle(center, radius))
    return circles

surface = rs.GetObject("Select a surface", rs.filter.surface)
if surface:
    if not rs.IsLayer("Grid"):
        rs.AddLayer("Grid")
    ids = make_grid(surface, 10, "8", 0.5)
    rs.ObjectLayer(ids, "Grid")
    print("made", len(ids), "circles")
''',
     '''Traceback (most recent call last):
  File "<script>", line 25, in <module>
    ids = make_grid(surface, 10, "8", 0.5)
  File "<script>", line 10, in make_grid
    step_v = (max_pt[1] - min_pt[1]) / count_v
TypeError: unsupported operand type(s) for /: 'float' and 'str'
'''),
    ("Offset every selected closed curve inward by 2 units and loft the original with the offset.",
     '''import rhinoscriptsyntax as rs

DISTANCE = 2.0

def inward_offset(curve_id, distance):
    plane = rs.CurvePlane(curve_id)
    centroid = rs.CurveAreaCentroid(curve_id)[0]
    offset = rs.OffsetCurve(curve_id, centroid, distance, plane.ZAxis)
    if not offset:
        return None
    return offset[0]

def loft_pair(curve_id, offset_id):
    surfaces = rs.AddLoftSrf([curve_id, offset_id])
    if surfaces:
        rs.ObjectColor(surfaces, (200, 120, 40))
    return surfaces

curves = rs.GetObjects("Select closed curves", rs.filter.curve)
made = 0
for crv in curves:
    if not rs.IsCurveClosed(crv):
        continue
    off = inward_offset(crv, DISTANCE)
    if off is None:
        print("offset failed for", crv)
        continue
    loft_pair(crv, off)
    made += 1
print("lofted", made, "curves")
''',
     '''Traceback (most recent call last):
  File "<script>", line 20, in <module>
    for crv in curves:
TypeError: 'NoneType' object is not iterable
'''),
    ("Create a twisted tower of stacked rectangles and loft them into a surface.",
     '''import rhinoscriptsyntax as rs
import math

FLOORS = 12
HEIGHT = 3.5
WIDTH = 20.0
DEPTH = 14.0
TWIST = 4.0

def floor_rectangle(level):
    angle = math.radians(level * TWIST)
    plane = rs.WorldXYPlane()
    plane = rs.MovePlane(plane, (0, 0, level * HEIGHT))
    plane = rs.RotatePlane(plane, angle, plane.ZAxis)
    rect = rs.AddRectangle(plane, WIDTH, DEPTH)
    rs.MoveObject(rect, (-WIDTH / 2, -DEPTH / 2, 0))
    return rect

outlines = []
for level in range(FLOORS):
    outlines.append(floor_rectangle(level))
tower = rs.AddLoftSrf(outlines)
rs.AddLayer("Tower")
rs.ObjectLayer(tower, "Tower")
print("tower with", len(outlines), "floors")
''',
     '''Traceback (most recent call last):
  File "<script>", line 20, in <module>
    outlines.append(floor_rectangle(level))
  File "<script>", line 13, in floor_rectangle
    plane = rs.RotatePlane(plane, angle, plane.ZAxis)
  File "rhinoscriptsyntax/plane.py", line 325, in RotatePlane
TypeError: RotatePlane() expects degrees: got radians 0.0698 for plane rotation; pass math.degrees(angle)
'''),
]


def repair_messages(request, script, traceback):
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": request},
        {"role": "assistant", "content": "```python\n" + script + "```"},
        {"role": "user", "content": "The script failed:\n```\n" + traceback + "```\n"
                                    "Reply with the complete fixed script."},
    ]


def run_once(model, prompt, max_tokens, speculative):
    cache = make_prompt_cache(model)
    stats = SpecStats()
    if speculative:
        gen = speculative_generate_step(prompt, model, prompt_cache=cache, stats=stats,
                                        max_tokens=max_tokens, want_logprobs=False)
    else:
        gen = generate_step(mx.array(prompt), model, prompt_cache=cache, max_tokens=max_tokens)
    tokens, first = [], None
    start = time.perf_counter()
    for item in gen:
        if first is None:
            first = time.perf_counter()
        tokens.append(int(item[0]))
        if len(tokens) >= max_tokens or tokens[-1] in EOS:
            break
    gen.close()
    end = time.perf_counter()
    tps = (len(tokens) - 1) / (end - first) if len(tokens) > 1 else 0.0
    return tokens, tps, first - start, stats


EOS = set()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--max-tokens", type=int, default=256)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--show", action="store_true", help="print the generated repairs")
    args = ap.parse_args(argv)

    resolved = resolve_model(args.model, adapter="none")
    model, tok = load(str(resolved.path))
    EOS.update(tok.eos_token_ids)
    print("model {} | BLAS {} | max_tokens {} | repeats {}".format(
        resolved.name, active_blas(), args.max_tokens, args.repeats))
    run_once(model, tok.encode("warm up"), 8, False)
    rows, all_same = [], True
    for idx, (request, script, tb) in enumerate(CASES, 1):
        prompt = tok.apply_chat_template(repair_messages(request, script, tb), add_generation_prompt=True)
        on_tps, off_tps, stats, outs = [], [], None, {}
        for _ in range(args.repeats):
            for spec in (False, True):
                tokens, tps, _, st = run_once(model, prompt, args.max_tokens, spec)
                (on_tps if spec else off_tps).append(tps)
                outs.setdefault(spec, tokens)
                all_same &= outs[spec] == tokens
                if spec:
                    stats = st
        same = outs[True] == outs[False]
        all_same &= same
        off, on = statistics.median(off_tps), statistics.median(on_tps)
        rows.append((idx, len(prompt), len(outs[True]), off, on, on / off, stats, same))
        print("case {}: off {:.1f} tok/s, on {:.1f} tok/s, acceptance {:.0%}".format(
            idx, off, on, stats.acceptance_rate), flush=True)
        if args.show:
            print("--- case {}\n{}".format(idx, tok.decode(outs[True])))
    print("\n| case | prompt tok | generated | off tok/s | on tok/s | speed-up | acceptance | tok/step | identical |")
    print("|---|---|---|---|---|---|---|---|---|")
    for idx, plen, glen, off, on, ratio, st, same in rows:
        print("| {} | {} | {} | {:.1f} | {:.1f} | {:.2f}x | {:.0%} | {:.2f} | {} |".format(
            idx, plen, glen, off, on, ratio, st.acceptance_rate, st.tokens_per_step, "yes" if same else "NO"))
    ratios = [r[5] for r in rows]
    print("\ngeometric-mean speed-up {:.2f}x; outputs identical on/off: {}".format(
        statistics.geometric_mean(ratios), all_same))
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main())
