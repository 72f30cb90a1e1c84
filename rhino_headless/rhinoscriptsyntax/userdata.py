"""rhinoscriptsyntax.userdata, headless: object user text and document data/user text.

Document data and document user text share the document's string table, as in Rhino:
data entries are stored under "section\\entry", user text under its plain key.
"""
from ._lookup import doc, guids, rhino_object

_SEP = "\\"


def _data_keys():
    return [k for k in doc().strings if _SEP in k]


def _text_keys():
    return [k for k in doc().strings if _SEP not in k]


# ---- document data (section / entry) ------------------------------------------------------------

def SetDocumentData(section, entry, value):
    """Set (or with value None, delete) a document data entry; returns the previous value or None."""
    key = "%s%s%s" % (section, _SEP, entry)
    previous = doc().get_string(key)
    doc().set_string(key, None if value is None else str(value))
    return previous


def GetDocumentData(section=None, entry=None):
    """Section names; entry names of a section; or the value of one entry."""
    keys = _data_keys()
    if section is None:
        sections = []
        for k in keys:
            s = k.split(_SEP, 1)[0]
            if s not in sections:
                sections.append(s)
        return sections
    if entry is None:
        prefix = "%s%s" % (section, _SEP)
        return [k[len(prefix):] for k in keys if k.startswith(prefix)]
    return doc().get_string("%s%s%s" % (section, _SEP, entry))


def DeleteDocumentData(section=None, entry=None):
    """Delete all data, a section, or one entry; returns True when something was deleted."""
    keys = _data_keys()
    if section is not None:
        prefix = "%s%s" % (section, _SEP)
        keys = [k for k in keys if k.startswith(prefix)]
        if entry is not None:
            keys = [k for k in keys if k == prefix + str(entry)]
    for k in keys:
        doc().set_string(k, None)
    return bool(keys)


def DocumentDataCount():
    """Number of document data strings (section/entry pairs)."""
    return len(_data_keys())


def IsDocumentData():
    return bool(_data_keys())


# ---- document user text ---------------------------------------------------------------------

def SetDocumentUserText(key, value=None):
    """Set document user text; an empty or None value deletes the key. Returns True."""
    doc().set_string(str(key), str(value) if value else None)
    return True


def GetDocumentUserText(key=None):
    """The value for `key`, or with no key the list of keys."""
    if key is None:
        return _text_keys() or None
    return doc().get_string(str(key)) or None


def DocumentUserTextCount():
    return len(_text_keys())


def IsDocumentUserText():
    return bool(_text_keys())


# ---- object user text -----------------------------------------------------------------------

def SetUserText(object_id, key, value=None, attach_to_geometry=False):
    """Set (or with value None/"" delete) user text on objects' attributes or geometry.
    Returns True (real rs returns False when any object fails)."""
    key = str(key)
    value = None if value is None or value == "" else str(value)
    for oid in guids(object_id):
        obj = rhino_object(oid, True)
        if attach_to_geometry:
            geometry = obj.geometry.Duplicate()
            geometry.SetUserString(key, value if value is not None else "")  # "" removes it
            doc().replace(obj.id, geometry, copy=False)
        else:
            doc().update_attributes(obj.id, user_strings={key: value})
    return True


def _strings(obj, attached_to_geometry):
    source = obj.geometry if attached_to_geometry else obj.attributes
    return [(k, v) for k, v in source.GetUserStrings() if v != ""]


def GetUserText(object_id, key=None, attached_to_geometry=False):
    """The value for `key` (None when absent), or with no key the list of keys."""
    obj = rhino_object(object_id, True)
    pairs = _strings(obj, attached_to_geometry)
    if key is None:
        return [k for k, _ in pairs]
    return dict(pairs).get(str(key))


def IsUserText(object_id):
    """0 none, 1 on the attributes, 2 on the geometry, 3 both."""
    obj = rhino_object(object_id, True)
    rc = 0
    if _strings(obj, False):
        rc |= 1
    if _strings(obj, True):
        rc |= 2
    return rc
