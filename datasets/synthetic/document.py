"""Whole-document families: the model already holds objects on layers and in groups, nothing is
selected, and the script finds what it works on itself (rs.ObjectsByType, rs.ObjectsByLayer,
rs.ObjectsByGroup, rs.AllObjects, rs.LayerNames) instead of asking the user to pick with
rs.GetObject, which a script sent from the chat panel cannot do.
"""
from .core import family, pick
from .families import COLORS, HEAD, LAYER_NAMES, _box_code

# rs object type code -> (plural, singular) as people say them
KINDS = {1: ("points", "point"), 4: ("curves", "curve"), 32: ("meshes", "mesh"), 16: ("boxes", "box")}


def _add(kind, x, y):
    if kind == 1:
        return "rs.AddPoint(%d, %d, 0)" % (x, y)
    if kind == 4:
        return "rs.AddLine((%d, %d, 0), (%d, %d, 0))" % (x, y, x + 2, y + 1) if x % 8 else "rs.AddCircle((%d, %d, 0), 1)" % (x, y)
    if kind == 32:
        return "rs.AddMesh([(%d, %d, 0), (%d, %d, 0), (%d, %d, 1), (%d, %d, 1)], [(0, 1, 2, 3)])" % (
            x, y, x + 1, y, x + 1, y, x, y)
    return _box_code(x, y, 0, 1, 1, 1)


def _scene(rng, layers=None):
    """A model with a few objects of each kind spread over layers.

    Returns (setup code, {type: n}, {layer: {type: n}})."""
    layers = layers or rng.sample(LAYER_NAMES, rng.randint(2, 3))
    kinds = rng.sample(sorted(KINDS), rng.randint(2, 4))
    lines = [HEAD.rstrip("\n")] + ["rs.AddLayer(\"%s\")" % l for l in layers]
    counts, per_layer = {}, dict((l, {}) for l in layers)
    for row, kind in enumerate(kinds):
        for k in range(rng.randint(1, 4)):
            layer = pick(rng, layers)
            lines.append("rs.ObjectLayer(%s, \"%s\")" % (_add(kind, 4 * k, 4 * row), layer))
            counts[kind] = counts.get(kind, 0) + 1
            per_layer[layer][kind] = per_layer[layer].get(kind, 0) + 1
    return "\n".join(lines) + "\n", counts, per_layer


def _without(counts, kind):
    return dict((k, v) for k, v in counts.items() if k != kind)


@family("doc-select-type", "selection", 30)
def select_type(rng):
    setup, counts, _ = _scene(rng)
    kind = pick(rng, sorted(counts))
    plural, one = KINDS[kind]
    req = pick(rng, ["Select all the {p} in the model.", "select only the {p}, nothing else",
                     "Highlight every {o} in the document by selecting it.", "Which objects are {p}? Select them.",
                     "I want all {p} selected and everything else deselected."]).format(p=plural, o=one)
    code = HEAD + pick(rng, ["rs.UnselectAllObjects()\nrs.SelectObjects(rs.ObjectsByType({t}))\n",
                             "rs.UnselectAllObjects()\nids = rs.ObjectsByType({t}, select=True)\n"]).format(t=kind)
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "selected_types": {kind: counts[kind]}}}


@family("doc-delete-type", "document-groups", 30)
def delete_type(rng):
    setup, counts, _ = _scene(rng)
    kind = pick(rng, sorted(counts))
    plural, one = KINDS[kind]
    req = pick(rng, ["Remove all {p} from the document.", "delete all the {p}", "Clean up the file: erase every {o}.",
                     "Get rid of the {p} in this model, keep the rest."]).format(p=plural, o=one)
    code = HEAD + pick(rng, ["ids = rs.ObjectsByType({t})\nif ids:\n    rs.DeleteObjects(ids)\n",
                             "rs.DeleteObjects(rs.ObjectsByType({t}))\n"]).format(t=kind)
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "deleted": counts[kind], "remaining_types": _without(counts, kind)}}


@family("doc-delete-all", "document-groups", 16)
def delete_all(rng):
    setup, counts, _ = _scene(rng)
    req = pick(rng, ["Delete everything in the document.", "wipe the model, remove all objects",
                     "Erase all the geometry in this file but keep the layers."])
    code = HEAD + pick(rng, ["rs.DeleteObjects(rs.AllObjects())\n", "ids = rs.AllObjects()\nif ids:\n    rs.DeleteObjects(ids)\n"])
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "deleted": sum(counts.values()), "remaining_types": {}}}


@family("doc-count", "measure-print", 30)
def count(rng):
    setup, counts, _ = _scene(rng)
    if rng.random() < 0.4:
        req = pick(rng, ["Print the number of objects in the document.", "count the objects in this file",
                         "How many objects does the model contain? Print it."])
        code = HEAD + "print(len(rs.AllObjects()))\n"
        want = [sum(counts.values())]
    else:
        kind = pick(rng, sorted(counts))
        req = pick(rng, ["How many {p} are there in the model? Print the count.", "count the {p} in the document",
                         "Print how many {p} this file has."]).format(p=KINDS[kind][0])
        code = HEAD + "print(len(rs.ObjectsByType({t})))\n".format(t=kind)
        want = [counts[kind]]
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": want}}


@family("doc-count-by-type", "measure-print", 20)
def count_by_type(rng):
    setup, counts, _ = _scene(rng)
    req = pick(rng, ["Print how many points, curves, meshes and boxes the model has.",
                     "object count per type in the document", "Report the number of objects of each kind in this file."])
    code = HEAD + "for name, code in ((\"points\", 1), (\"curves\", 4), (\"meshes\", 32), (\"polysurfaces\", 16)):\n" \
                  "    print(name, len(rs.ObjectsByType(code)))\n"
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "prints": [counts.get(k, 0) for k in (1, 4, 32, 16)]}}


@family("doc-layer-objects", "layers-attributes", 30)
def layer_objects(rng):
    setup, counts, per_layer = _scene(rng)
    layer = pick(rng, sorted(l for l in per_layer if per_layer[l]))
    action = pick(rng, ["hide", "lock", "select", "delete"])
    req = pick(rng, {
        "hide": ["Hide every object on layer {l}; the layer stays on.", "hide the objects that are on {l}",
                 "Make the geometry on layer {l} invisible (hide the objects, not the layer)."],
        "lock": ["Lock all objects on the {l} layer.", "lock everything on layer {l}", "Objects on {l} should be locked."],
        "select": ["Select all objects on layer {l}.", "select what's on the {l} layer",
                   "Put everything from layer {l} in the selection."],
        "delete": ["Delete the objects on layer {l} but keep the layer.", "empty the layer {l}",
                   "Remove all geometry sitting on the {l} layer."]}[action]).format(l=layer)
    call = {"hide": "rs.HideObjects(ids)", "lock": "rs.LockObjects(ids)", "select": "rs.SelectObjects(ids)",
            "delete": "rs.DeleteObjects(ids)"}[action]
    code = HEAD + "ids = rs.ObjectsByLayer(\"{l}\")\n{c}\n".format(l=layer, c=call)
    exp = {"count": {}, "layers": [layer]}  # type: dict
    on = per_layer[layer]
    if action == "hide":
        exp["hidden_on"] = dict((l, l == layer) for l in per_layer)
    elif action == "lock":
        exp["locked_on"] = dict((l, l == layer) for l in per_layer)
    elif action == "select":
        exp["selected_types"] = on
    else:
        exp["deleted"] = sum(on.values())
        exp["remaining_types"] = dict((k, counts[k] - on.get(k, 0)) for k in counts if counts[k] - on.get(k, 0))
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("doc-type-to-layer", "layers-attributes", 24)
def type_to_layer(rng):
    setup, counts, per_layer = _scene(rng)
    kind = pick(rng, sorted(counts))
    target = pick(rng, [l for l in LAYER_NAMES if l not in per_layer])
    req = pick(rng, ["Put all the {p} on a layer called {l} (create it if it's missing).", "move every {o} to layer {l}",
                     "Sort the {p} onto their own layer, {l}."]).format(p=KINDS[kind][0], o=KINDS[kind][1], l=target)
    code = HEAD + "if not rs.IsLayer(\"{l}\"):\n    rs.AddLayer(\"{l}\")\nrs.ObjectLayer(rs.ObjectsByType({t}), \"{l}\")\n".format(
        l=target, t=kind)
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "layers": [target], "type_on_layer": [kind, target, counts[kind]]}}


@family("doc-object-report", "measure-print", 20)
def object_report(rng):
    setup, counts, per_layer = _scene(rng)
    what = pick(rng, ["type", "layer"])
    req = pick(rng, ["List every object in the model with its type and its layer.", "print type + layer for each object",
                     "Go through all objects and print what kind of object it is and which layer holds it."])
    code = HEAD + "for obj in rs.AllObjects():\n    print(rs.ObjectType(obj), rs.ObjectLayer(obj))\n"
    if what == "layer":
        code = HEAD + "for obj in rs.AllObjects():\n    layer = rs.ObjectLayer(obj)\n    print(\"%s on %s\" % (rs.ObjectType(obj), layer))\n"
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": sorted(counts)}}


def _groups(rng):
    """Setup with 1-3 named groups of circles (and a few loose points); {name: size}."""
    names = rng.sample(["Trees", "Benches", "Lamps", "Block A", "Block B", "Bay 1", "Bay 2", "Columns", "Planters"],
                       rng.randint(1, 3))
    lines, sizes = [HEAD.rstrip("\n")], {}
    for row, name in enumerate(names):
        n = rng.randint(1, 5)
        sizes[name] = n
        lines.append("ids = [rs.AddCircle((%d * k, %d, 0), 0.5) for k in range(%d)]" % (2, 3 * row, n))
        lines.append("rs.AddObjectsToGroup(ids, rs.AddGroup(\"%s\"))" % name)
    lines.append("rs.AddPoint(0, -3, 0)")
    return "\n".join(lines) + "\n", sizes


@family("group-report", "document-groups", 24)
def group_report(rng):
    setup, sizes = _groups(rng)
    if rng.random() < 0.3:
        req = pick(rng, ["How many groups does this document have? Print it.", "count the groups in the file"])
        code = HEAD + "print(rs.GroupCount())\n"
        want = [len(sizes)]
    else:
        req = pick(rng, ["Print every group's name and the number of objects in it.", "list groups with their member counts",
                         "For each group in the model, report how many objects belong to it."])
        code = HEAD + "for name in rs.GroupNames() or []:\n    print(name, len(rs.ObjectsByGroup(name)))\n"
        want = sorted(sizes.values())
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "prints": want}}


@family("group-members", "document-groups", 30)
def group_members(rng):
    setup, sizes = _groups(rng)
    name = pick(rng, sorted(sizes))
    action = pick(rng, ["select", "hide", "delete", "rename", "ungroup"])
    new = pick(rng, ["Landscape", "Street furniture", "Lighting", "Keep", "Phase 2"])
    req = pick(rng, {
        "select": ["Select the objects in group '{g}'.", "select group {g}", "Put the members of the {g} group in the selection."],
        "hide": ["Hide the members of group {g}.", "hide everything grouped as '{g}'"],
        "delete": ["Delete all objects of the group {g}.", "erase the {g} group's objects"],
        "rename": ["Change the name of group '{g}' to '{n}'.", "group {g} -> rename it {n}"],
        "ungroup": ["Dissolve the group '{g}' but keep its objects.", "ungroup {g} (delete the group, not the geometry)"]}[action]).format(
        g=name, n=new)
    code = HEAD + {
        "select": "rs.UnselectAllObjects()\nrs.SelectObjects(rs.ObjectsByGroup(\"{g}\"))\n",
        "hide": "rs.HideObjects(rs.ObjectsByGroup(\"{g}\"))\n",
        "delete": "rs.DeleteObjects(rs.ObjectsByGroup(\"{g}\"))\n",
        "rename": "rs.RenameGroup(\"{g}\", \"{n}\")\n",
        "ungroup": "rs.DeleteGroup(\"{g}\")\n"}[action].format(g=name, n=new)
    exp = {"count": {}}  # type: dict
    total = sum(sizes.values()) + 1
    if action == "select":
        exp["selected_types"] = {4: sizes[name]}
    elif action == "hide":
        exp["remaining_types"] = {4: total - 1, 1: 1}
        exp["hidden_count"] = sizes[name]
    elif action == "delete":
        exp["deleted"] = sizes[name]
        rest = total - 1 - sizes[name]
        exp["remaining_types"] = dict([(1, 1)] + ([(4, rest)] if rest else []))
    elif action == "rename":
        exp["group_sizes"] = dict((new if g == name else g, n) for g, n in sizes.items())
    else:
        exp["group_count"] = len(sizes) - 1
        exp["remaining_types"] = {4: total - 1, 1: 1}
    return {"request": req, "code": code, "setup": setup, "expect": exp}


@family("group-by-layer", "document-groups", 20)
def group_by_layer(rng):
    setup, counts, per_layer = _scene(rng)
    req = pick(rng, ["Make one group per layer, named after the layer, holding that layer's objects.",
                     "group objects by layer (group name = layer name)",
                     "Collect the objects of each layer into a group with the layer's name."])
    code = HEAD + "for layer in rs.LayerNames():\n    ids = rs.ObjectsByLayer(layer)\n    if ids:\n" \
                  "        rs.AddObjectsToGroup(ids, rs.AddGroup(layer))\n"
    sizes = dict((l, sum(c.values())) for l, c in per_layer.items() if c)
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "group_sizes": sizes,
                                                                       "group_count": len(sizes)}}


@family("layer-rename", "layers-attributes", 20)
def layer_rename(rng):
    setup, counts, per_layer = _scene(rng)
    old = pick(rng, sorted(per_layer))
    new = pick(rng, [l for l in LAYER_NAMES if l not in per_layer])
    req = pick(rng, ["Rename the layer {a} to {b}.", "layer {a} should be called {b}", "Change layer name {a} -> {b}."]).format(a=old, b=new)
    code = HEAD + "rs.RenameLayer(\"{a}\", \"{b}\")\n".format(a=old, b=new)
    return {"request": req, "code": code, "setup": setup, "expect": {"count": {}, "layers": [new], "layers_absent": [old]}}


@family("layer-purge-empty", "layers-attributes", 20)
def layer_purge(rng):
    setup, counts, per_layer = _scene(rng)
    empty = rng.sample([l for l in LAYER_NAMES if l not in per_layer], rng.randint(1, 3))
    setup += "".join("rs.AddLayer(\"%s\")\n" % l for l in empty)
    req = pick(rng, ["Remove the layers that have no objects on them (never the current layer).",
                     "purge unused layers", "Delete every layer that is empty, except the current one."])
    code = HEAD + "current = rs.CurrentLayer()\nfor layer in rs.LayerNames():\n" \
                  "    if layer != current and not rs.ObjectsByLayer(layer):\n        rs.DeleteLayer(layer)\n"
    used = [l for l, c in per_layer.items() if c]
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "layers": used, "layers_absent": empty}}


@family("layer-color-used", "layers-attributes", 20)
def layer_color_used(rng):
    setup, counts, per_layer = _scene(rng)
    color = pick(rng, sorted(c for c in COLORS if c != "black"))  # new layers are black already
    which = pick(rng, ["used", "all", "one"])
    layer = pick(rng, sorted(per_layer))
    req = {"used": pick(rng, ["Set the colour of every layer that has objects to {c}.", "layers with geometry -> {c}"]),
           "all": pick(rng, ["Make all layers {c}.", "colour every layer {c}"]),
           "one": pick(rng, ["Change the colour of layer {l} to {c}.", "layer {l}: colour {c}"])}[which].format(c=color, l=layer)
    code = HEAD + {"used": "for layer in rs.LayerNames():\n    if rs.ObjectsByLayer(layer):\n        rs.LayerColor(layer, {rgb})\n",
                   "all": "for layer in rs.LayerNames():\n    rs.LayerColor(layer, {rgb})\n",
                   "one": "rs.LayerColor(\"{l}\", {rgb})\n"}[which].format(rgb=COLORS[color], l=layer)
    targets = {"used": [l for l, c in per_layer.items() if c], "all": list(per_layer), "one": [layer]}[which]
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "layer_colors": dict((l, list(COLORS[color])) for l in targets)}}


@family("layer-state", "layers-attributes", 20)
def layer_state(rng):
    setup, counts, per_layer = _scene(rng, layers=rng.sample(LAYER_NAMES, 3))
    a, b = rng.sample(sorted(per_layer), 2)
    req = pick(rng, ["Turn off layer {a} and lock layer {b}.", "hide layer {a}, lock {b}",
                     "Switch the {a} layer off and make {b} locked."]).format(a=a, b=b)
    code = HEAD + "rs.LayerVisible(\"{a}\", False)\nrs.LayerLocked(\"{b}\", True)\n".format(a=a, b=b)
    return {"request": req, "code": code, "setup": setup,
            "expect": {"count": {}, "layers_hidden": [a], "layers_locked": [b]}}
