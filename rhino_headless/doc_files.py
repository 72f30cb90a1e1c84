""".3dm files for the headless document (a mixin of HeadlessDoc): load, save (atomic), and the
conversion to and from rhino3dm.File3dm. Deleted layers and groups are left out of a saved file
and the remaining indices are compacted."""
import os
import tempfile
import uuid

import rhino3dm

from .convert import NIL, copy_attributes, copy_layer
from .doc_groups import Group


class DocumentFileError(Exception):
    """A .3dm file could not be read or written (missing, not a 3dm file, unwritable)."""


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
                    copy.Id = uuid.uuid4()
                doc._add_layer_entry(copy)
        for g in model.Groups:
            doc._groups.append(Group(len(doc._groups), g.Name or "Group%02d" % (len(doc._groups) + 1),
                                     g.Id if g.Id != NIL else uuid.uuid4()))
        for obj in model.Objects:
            geometry = obj.Geometry
            if geometry is None:
                continue
            attrs = copy_attributes(obj.Attributes)
            if not doc._layer_ok(attrs.LayerIndex):
                attrs.LayerIndex = 0
            doc.add(geometry, attrs, copy=False)
        doc.modified_flag = False
        return doc

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
            model.Layers.Add(copy_layer(self._layers[i]))
        group_map = {}
        for g in self.groups():
            group_map[g.index] = len(group_map)
            entry = rhino3dm.Group()
            entry.Name = g.name
            entry.Id = g.id
            model.Groups.Add(entry)
        for obj in self._objects.values():
            attrs = copy_attributes(obj.attributes, drop_groups=obj.attributes.GetGroupList() or ())
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
            fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=folder)
        except OSError as e:
            raise DocumentFileError("%s: cannot write (%s)" % (path, e.strerror or e))
        os.close(fd)
        try:
            if not model.Write(tmp, version):
                raise DocumentFileError("%s: openNURBS could not write the file" % path)
            os.replace(tmp, path)
        except OSError as e:
            raise DocumentFileError("%s: cannot write (%s)" % (path, e.strerror or e))
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.path = path
        self.modified_flag = False

