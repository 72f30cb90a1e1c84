"""rhinoscriptsyntax.linetype, headless.

The headless document's linetype table is empty: every object and layer draws with Rhino's
built-in "Continuous" linetype (index -1), as in a new file started without a template.
"""
from ._lookup import guid

CONTINUOUS = "Continuous"


def _linetype_name(index):
    return CONTINUOUS


def _linetype_index(name):
    """Linetype index for a name; only the built-in Continuous exists headless."""
    if str(name).strip().lower() == CONTINUOUS.lower():
        return -1
    raise ValueError("%s does not exist in LineTypes table" % (name,))


def IsLinetype(name_or_id):
    if guid(name_or_id) is not None:
        return False
    return str(name_or_id).strip().lower() == CONTINUOUS.lower()


def IsLinetypeReference(name_or_id):
    if not IsLinetype(name_or_id):
        raise ValueError("unable to coerce %s into linetype" % (name_or_id,))
    return False


def LinetypeCount():
    return 0


def LinetypeNames(sort=False):
    return []
