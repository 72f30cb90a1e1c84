""".3dm files for the headless document (a mixin of HeadlessDoc): load, save (atomic), and the
conversion to and from rhino3dm.File3dm. Deleted layers and groups are left out of a saved file
and the remaining indices are compacted."""
import os

import rhino3dm

from .convert import NIL, copy_attributes, copy_layer
from .doc_groups import Group
from .files import atomic_path
from .ids import new_id


class DocumentFileError(Exception):
    """A .3dm file could not be read or written (missing, not a 3dm file, unwritable)."""


class Carried(object):
    """Tables of a loaded .3dm that the document does not model, written back unchanged on save:
    materials, dimension styles, views and named views, block definitions and their geometry.
    Their indices stay valid because they are written in the same order.
    Linetypes cannot be carried: rhino3dm 8.35 corrupts memory when a file's linetype is read
    (a crash at exit), so only their count is kept; references to them fall back to Continuous."""

    def __init__(self, model: rhino3dm.File3dm):
        self.materials = [model.Materials[i] for i in range(len(model.Materials))]
        self.dimstyles = [model.DimStyles[i] for i in range(len(model.DimStyles))]
        self.views = [model.Views[i] for i in range(len(model.Views))]
        self.named_views = [model.NamedViews[i] for i in range(len(model.NamedViews))]
        self.idefs = [model.InstanceDefinitions[i] for i in range(len(model.InstanceDefinitions))]
        self.idef_objects = []  # (geometry, attributes) of block definition geometry
        self.linetypes_dropped = len(model.Linetypes)

    def notes(self):
        """What a save will not keep (for the user), empty when nothing is lost."""
        if self.linetypes_dropped:
            return ["%d linetype(s) of the source file cannot be written back by rhino3dm; "
                    "objects and layers using them become Continuous" % self.linetypes_dropped]
        return []

    def write_into(self, model: rhino3dm.File3dm, layer_map) -> None:
        for item in self.materials:
            model.Materials.Add(item)
        for item in self.dimstyles:
            model.DimStyles.Add(item)
        for item in self.views:
            model.Views.Add(item)
        for item in self.named_views:
            model.NamedViews.Add(item)
        for item in self.idefs:
            model.InstanceDefinitions.AddInstanceDefinition(item)
        for geometry, attributes in self.idef_objects:
            attrs = _without_linetype(copy_attributes(attributes))
            attrs.LayerIndex = layer_map.get(attributes.LayerIndex, 0)
            model.Objects.Add(geometry, attrs)


def _without_linetype(attrs: rhino3dm.ObjectAttributes) -> rhino3dm.ObjectAttributes:
    """No linetype table is written (see Carried), so no index may point into one."""
    if attrs.LinetypeIndex >= 0:
        attrs.LinetypeIndex = -1
        attrs.LinetypeSource = rhino3dm.ObjectLinetypeSource.LinetypeFromLayer
    return attrs


class FilesMixin(object):
    @classmethod
    def load(cls, path: str):
        """Read a .3dm file. DocumentFileError for a missing, unreadable or non-3dm file."""
        if not os.path.isfile(path):
            raise DocumentFileError("%s: no such file" % path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(32)
        except OSError as e:
            raise DocumentFileError("%s: cannot read (%s)" % (path, e.strerror or e))
        if not head.startswith(b"3D Geometry File Format"):
            raise DocumentFileError("%s: not a Rhino .3dm file" % path)
        model = rhino3dm.File3dm.Read(path)
        if model is None:
            raise DocumentFileError("%s: damaged or unsupported .3dm file" % path)
        doc = cls.from_file3dm(model)
        doc.path = os.path.abspath(path)
        doc.name = os.path.basename(path)
        try:
            doc._notes = rhino3dm.File3dm.ReadNotes(path) or ""
        except Exception:  # notes are optional; a file without them is fine
            doc._notes = ""
        return doc

    @classmethod
    def from_file3dm(cls, model: rhino3dm.File3dm):
        settings = model.Settings
        doc = cls(unit_system=settings.ModelUnitSystem, tolerance=settings.ModelAbsoluteTolerance or 0.001,
                  angle_tolerance=settings.ModelAngleToleranceDegrees or 1.0)
        doc._relative_tolerance = settings.ModelRelativeTolerance or 0.01
        if len(model.Layers):
            doc._layers, doc._layer_deleted, doc._layer_by_id = [], [], {}
            for layer in model.Layers:
                copy = copy_layer(layer)
                if copy.Id == NIL or copy.Id in doc._layer_by_id:
                    copy.Id = new_id()
                doc._add_layer_entry(copy)
        for g in model.Groups:
            doc._groups.append(Group(len(doc._groups), g.Name or "Group%02d" % (len(doc._groups) + 1),
                                     g.Id if g.Id != NIL else new_id()))
        carried = Carried(model)
        for obj in model.Objects:
            geometry = obj.Geometry
            if geometry is None:
                continue
            attrs = copy_attributes(obj.Attributes)
            if attrs.Mode == rhino3dm.ObjectMode.InstanceDefinitionObject:
                carried.idef_objects.append((geometry, attrs))  # block geometry, not a model object
                continue
            if not doc._layer_ok(attrs.LayerIndex):
                attrs.LayerIndex = 0
            doc.add(geometry, attrs, copy=False)
        doc._carried = carried
        doc.modified_flag = False
        return doc

    @property
    def carried(self):
        """The tables of the loaded file the document does not model (Carried), or None.
        Read only: materials, dimstyles, views, named_views, idefs, idef_objects."""
        return self._carried

    @property
    def save_notes(self):
        """What saving this document will not keep (linetypes of the source file), or []."""
        return self._carried.notes() if self._carried is not None else []

    def to_file3dm(self) -> rhino3dm.File3dm:
        model = rhino3dm.File3dm()
        s = model.Settings
        s.ModelUnitSystem = self._units
        s.ModelAbsoluteTolerance = self._tolerance
        s.ModelAngleToleranceDegrees = self._angle_tolerance
        s.ModelRelativeTolerance = self._relative_tolerance
        layer_map = {}  # our index -> file index (deleted layers are left out)
        for i in self.layer_indices():
            layer_map[i] = len(layer_map)
            layer = copy_layer(self._layers[i])
            layer.LinetypeIndex = -1  # no linetype table is written (see Carried)
            model.Layers.Add(layer)
        if self._carried is not None:
            self._carried.write_into(model, layer_map)
        group_map = {}
        for g in self.groups():
            group_map[g.index] = len(group_map)
            entry = rhino3dm.Group()
            entry.Name = g.name
            entry.Id = g.id
            model.Groups.Add(entry)
        for obj in self._objects.values():
            attrs = _without_linetype(copy_attributes(obj.attributes, drop_groups=obj.attributes.GetGroupList() or ()))
            attrs.LayerIndex = layer_map.get(obj.attributes.LayerIndex, 0)
            for g in obj.attributes.GetGroupList() or ():
                if g in group_map:
                    attrs.AddToGroup(group_map[g])
            model.Objects.Add(obj.geometry, attrs)
        return model

    def save(self, path: str, version: int = 8) -> None:
        """Write a .3dm atomically (temp file beside it, then os.replace): never a half-written file."""
        path = os.path.abspath(path)
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            raise DocumentFileError("%s: folder does not exist" % folder)
        model = self.to_file3dm()
        try:
            with atomic_path(path) as tmp:
                if not model.Write(tmp, version):
                    raise DocumentFileError("%s: openNURBS could not write the file" % path)
        except OSError as e:
            raise DocumentFileError("%s: cannot write (%s)" % (path, e.strerror or e))
        self.path = path
        self.modified_flag = False

