"""The RhinoCommon face of the headless document (a mixin of HeadlessDoc): what scripts reach as
`sc.doc.Objects`, `.Layers`, `.Groups`, `.Views`, `.Strings`, `.ModelAbsoluteTolerance`, ...
The tables themselves live in `Rhino.DocObjects.Tables`; they call the snake_case core API."""
import math
from typing import Any


class RhinoDocMixin(object):
    def _table(self, name: str) -> Any:
        table = self._facade.get(name)
        if table is None:
            from .Rhino.DocObjects import Tables
            table = getattr(Tables, name)(self)
            self._facade[name] = table
        return table

    @property
    def Objects(self):
        return self._table("ObjectTable")

    @property
    def Layers(self):
        return self._table("LayerTable")

    @property
    def Groups(self):
        return self._table("GroupTable")

    @property
    def Views(self):
        return self._table("ViewTable")

    @property
    def Strings(self):
        return self._table("StringTable")

    @property
    def ModelUnitSystem(self):
        return self._units

    @ModelUnitSystem.setter
    def ModelUnitSystem(self, value):
        self.unit_system = value

    @property
    def ModelAbsoluteTolerance(self) -> float:
        return self._tolerance

    @ModelAbsoluteTolerance.setter
    def ModelAbsoluteTolerance(self, value: float) -> None:
        self.tolerance = value

    @property
    def ModelAngleToleranceDegrees(self) -> float:
        return self._angle_tolerance

    @ModelAngleToleranceDegrees.setter
    def ModelAngleToleranceDegrees(self, value: float) -> None:
        self.angle_tolerance = value

    @property
    def ModelAngleToleranceRadians(self) -> float:
        return math.radians(self._angle_tolerance)

    @ModelAngleToleranceRadians.setter
    def ModelAngleToleranceRadians(self, value: float) -> None:
        self.angle_tolerance = math.degrees(value)

    @property
    def ModelRelativeTolerance(self) -> float:
        return self._relative_tolerance

    @property
    def Name(self) -> str:
        return self.name

    @property
    def Path(self) -> str:
        return self.path

    @property
    def Notes(self) -> str:
        return self._notes

    @Notes.setter
    def Notes(self, value: str) -> None:
        self.notes = value

    @property
    def Modified(self) -> bool:
        return self.modified_flag

    @property
    def UndoRecordingEnabled(self) -> bool:
        return True

    def BeginUndoRecord(self, description: str = "") -> int:
        """Scripts run inside the host's record already; nested records are folded into it."""
        return self.journal.open.serial if self.journal.open else 0

    def EndUndoRecord(self, serial: int = 0) -> bool:
        return True

