"""rhinoscriptsyntax.group, headless: the HeadlessDoc group table (membership lives in each
object's attributes, as in Rhino)."""
from ._lookup import doc, guids, rhino_object


def _index(group_name, raise_if_missing=True):
    index = doc().find_group(group_name) if group_name is not None else -1
    if index < 0 and raise_if_missing:
        raise ValueError("%s does not exist in GroupTable" % (group_name,))
    return index


def AddGroup(group_name=None):
    """Add a group; returns its name, or None when the name is taken."""
    if group_name is not None and not isinstance(group_name, str):
        group_name = str(group_name)
    index = doc().add_group(group_name)
    return doc().group(index).name if index >= 0 else None


def AddObjectsToGroup(object_ids, group_name):
    """Returns the number of objects added: 0 for an unknown group or any unknown object."""
    index = _index(group_name, False)
    ids = guids(object_ids)
    if index < 0 or not ids or any(rhino_object(oid) is None for oid in ids):
        return 0
    return doc().add_to_group(ids, index)


def AddObjectToGroup(object_id, group_name):
    obj = rhino_object(object_id)
    index = _index(group_name, False)
    return obj is not None and index >= 0 and doc().add_to_group([obj.id], index) == 1


def DeleteGroup(group_name):
    index = _index(group_name, False)
    return index >= 0 and doc().delete_group(index)


def GroupCount():
    return len(doc().groups())


def GroupNames():
    """Names of the groups, or None when the document has none."""
    names = [g.name for g in doc().groups()]
    return names or None


def IsGroup(group_name):
    return group_name is not None and _index(group_name, False) >= 0


def IsGroupEmpty(group_name):
    """True for a group without members; None when there is no such group."""
    index = _index(group_name, False)
    if index < 0:
        return None
    return not doc().group_members(index)


def _members_mode(group_name, function, missing=None):
    index = _index(group_name, False)
    if index < 0:
        return missing
    members = doc().group_members(index)
    return function(members) if members else 0


def HideGroup(group_name):
    """Hide the group's objects; returns how many."""
    from .object import HideObjects
    return _members_mode(group_name, HideObjects, 0)


def ShowGroup(group_name):
    from .object import ShowObjects
    return _members_mode(group_name, ShowObjects)


def LockGroup(group_name):
    from .object import LockObjects
    return _members_mode(group_name, LockObjects)


def UnlockGroup(group_name):
    from .object import UnlockObjects
    return _members_mode(group_name, UnlockObjects)


def RemoveObjectsFromGroup(object_ids, group_name):
    """Returns how many objects left the group; None when there is no such group."""
    index = _index(group_name, False)
    if index < 0:
        return None
    ids = guids(object_ids)
    for oid in ids:
        rhino_object(oid, True)
    return doc().remove_from_group(ids, index)


def RemoveObjectFromGroup(object_id, group_name):
    count = RemoveObjectsFromGroup(object_id, group_name)
    return bool(count)


def RemoveObjectFromAllGroups(object_id):
    obj = rhino_object(object_id, True)
    groups = list(obj.attributes.GetGroupList() or ())
    if not groups:
        return False
    for index in groups:
        doc().remove_from_group([obj.id], index)
    return True


def RenameGroup(old_name, new_name):
    """Rename a group; returns the new name, or None on failure."""
    index = _index(old_name, False)
    if index < 0 or not doc().rename_group(index, str(new_name)):
        return None
    return str(new_name).strip()


def ObjectTopGroup(object_id):
    """Name of the newest (top-most) group the object belongs to, or None."""
    obj = rhino_object(object_id, True)
    groups = [i for i in (obj.attributes.GetGroupList() or ()) if doc().group(i) is not None]
    if not groups:
        return None
    return doc().group(max(groups)).name
