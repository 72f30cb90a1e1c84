"""rhinoscriptsyntax.layer, headless: the HeadlessDoc layer table (full paths "A::B", ids, state).

Layers are given by full path, name or id, as in Rhino; an unknown layer is a ValueError.
"""
from ._lookup import color_in, doc, system_color


def _index(layer):
    if layer is None or layer == "":
        raise TypeError("Parameter must be a string or Guid")
    index = doc().find_layer(layer)
    if index < 0:
        raise ValueError("%s does not exist in LayerTable" % (layer,))
    return index


def _layer(layer):
    return doc().layer(_index(layer))


def _path(index):
    return doc().layer_full_path(index)


def _get_set(layer, field, value, get=None, put=None):
    """Return the old value of a layer field; with `value`, set the field first."""
    index = _index(layer)
    old = getattr(doc().layer(index), field)
    if value is not None:
        doc().modify_layer(index, **{field: put(value) if put else value})
    return get(old) if get else old


def AddLayer(name=None, color=None, visible=True, locked=False, parent=None):
    """Add a layer (a "A::B" path adds the missing levels); returns its full path."""
    if parent is not None:
        parent = _index(parent)
    if name is not None and not isinstance(name, str):
        name = str(name)
    rgba = color_in(color) if color is not None else None
    try:
        index = doc().add_layer(name, rgba, visible, locked, parent)
    except ValueError as e:
        raise ValueError(str(e))
    return _path(index)


def CurrentLayer(layer=None):
    """Full path of the current layer; with `layer`, makes it current and returns the old one."""
    old = _path(doc().current_layer)
    if layer:
        doc().current_layer = _index(layer)
    return old


def DeleteLayer(layer):
    """Delete an empty layer that is not current (with its empty sublayers)."""
    return doc().delete_layer(_index(layer))


def PurgeLayer(layer):
    """Delete a layer, its sublayers and all their objects."""
    return doc().delete_layer(_index(layer), purge=True)


def ExpandLayer(layer, expand):
    doc().modify_layer(_index(layer), Expanded=bool(expand))
    return True


def IsLayer(layer):
    if layer is None or layer == "":
        raise TypeError("Parameter must be a string or Guid")
    return doc().find_layer(layer) >= 0


def IsLayerChangeable(layer):
    lay = _layer(layer)
    return bool(lay.Visible and not lay.Locked)


def IsLayerSelectable(layer):
    lay = _layer(layer)
    return bool(lay.Visible and not lay.Locked)


def IsLayerChildOf(layer, test):
    """True if `test` is a child (at any depth) of `layer`."""
    return doc()._is_descendant(doc().layer_parent(_index(test)), _index(layer))


def IsLayerParentOf(layer, test):
    """True if `test` is a parent (at any depth) of `layer`."""
    return doc()._is_descendant(doc().layer_parent(_index(layer)), _index(test))


def IsLayerCurrent(layer):
    return _index(layer) == doc().current_layer


def IsLayerEmpty(layer):
    return doc().layer_object_count(_index(layer)) == 0


def IsLayerExpanded(layer):
    return bool(_layer(layer).Expanded)


def IsLayerLocked(layer):
    return bool(_layer(layer).Locked)


def IsLayerOn(layer):
    return bool(_layer(layer).Visible)


def IsLayerVisible(layer):
    return bool(_layer(layer).Visible)


def IsLayerReference(layer):
    """Worksession reference layers do not exist headless."""
    _index(layer)
    return False


def LayerChildren(layer):
    """Full paths of the layer's immediate children."""
    return [_path(i) for i in doc().layer_children(_index(layer))]


def LayerChildCount(layer):
    return len(doc().layer_children(_index(layer)))


def LayerColor(layer, color=None):
    return _get_set(layer, "Color", color, system_color, color_in)


def LayerPrintColor(layer, color=None):
    return _get_set(layer, "PlotColor", color, system_color, color_in)


def LayerPrintWidth(layer, width=None):
    return _get_set(layer, "PlotWeight", width, float, float)


def LayerLocked(layer, locked=None):
    return _get_set(layer, "Locked", locked, bool, bool)


def LayerVisible(layer, visible=None, forcevisible_or_donotpersist=False):
    index = _index(layer)
    old = bool(doc().layer(index).Visible)
    if visible is not None:
        doc().modify_layer(index, Visible=bool(visible))
        if visible and forcevisible_or_donotpersist:  # make the parents visible too
            parent = doc().layer_parent(index)
            while parent >= 0:
                doc().modify_layer(parent, Visible=True)
                parent = doc().layer_parent(parent)
    return old


def LayerMaterialIndex(layer, index=None):
    """The layer's render material index (-1 = default); with an index >= -1, sets it."""
    if index is not None and int(index) < -1:
        index = None
    return _get_set(layer, "RenderMaterialIndex", index, int, int)


def LayerLinetype(layer, linetype=None):
    """The layer's linetype name; with `linetype`, sets it (None when there is no such linetype)."""
    from .linetype import IsLinetype, _linetype_name
    if linetype and not IsLinetype(str(linetype)):
        _index(layer)
        return None
    return _get_set(layer, "LinetypeIndex", linetype or None, _linetype_name, lambda name: -1)


def LayerCount():
    return len(doc().layer_indices())


def LayerIds():
    return [doc().layer(i).Id for i in doc().layer_indices()]


def LayerNames(sort=False):
    names = [_path(i) for i in doc().layer_indices()]
    return sorted(names) if sort else names


def LayerId(layer):
    """The id (as a string) of the layer with this full path, or None."""
    text = str(layer).strip().lower()
    for i in doc().layer_indices():
        if _path(i).lower() == text:
            return str(doc().layer(i).Id)
    return None


def LayerName(layer_id, fullpath=True):
    index = _index(layer_id)
    return _path(index) if fullpath else doc().layer(index).Name


def LayerOrder(layer):
    """The layer's position in the layer list (Rhino's SortIndex)."""
    index = _index(layer)
    return doc().layer_indices().index(index)


def ParentLayer(layer, parent=None):
    """Full path of the layer's parent (None for a root layer); with `parent`, moves the layer
    under it ("" makes it a root layer)."""
    index = _index(layer)
    old_parent = doc().layer_parent(index)
    old = _path(old_parent) if old_parent >= 0 else None
    if parent is not None:
        new_id = doc().layer(_index(parent)).Id if parent else None
        doc().modify_layer(index, ParentLayerId=new_id)
    return old


def RenameLayer(oldname, newname):
    """Rename a layer (its last level); returns the new name."""
    if not oldname or not newname:
        return None
    doc().rename_layer(_index(oldname), newname)
    return newname
