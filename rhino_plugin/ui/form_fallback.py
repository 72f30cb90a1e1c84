"""A modeless Eto Form holding the same ChatView, for when the docked panel cannot be used: the C#
panel host is missing, or Rhino's RegisterPanel/OpenPanel threw (rhino8-plugin-notes §1.3 option D).
Rhino-only; pure Python; no behaviour of its own.

A form is not tied to a document: on Windows it stays open through File > New and File > Open and
its view moves to the active document (panel_view.ChatView.current). So a form is found by the
document its view shows now, or by any form whose document has closed."""
import Eto.Drawing as drawing
import Eto.Forms as forms
import Rhino

_forms = []  # the open forms (kept alive across command runs)


class ChatForm(forms.Form):
    def __init__(self, view, release):
        super().__init__()  # required for .NET subclasses in Python 3
        self.view = view
        self.release = release  # panel_view.release: the view stops listening, handlers go with the last one
        self.Title = "RhinoCoder"
        self.Resizable = True
        self.ShowInTaskbar = False
        self.MinimumSize = drawing.Size(340, 420)
        self.Content = view
        self.Closed += self._on_closed

    def _on_closed(self, sender, e):
        try:
            self.release(self.view)
        finally:
            if self in _forms:
                _forms.remove(self)


def _find(doc):
    """The open form showing `doc`, or one whose document has closed (it will follow the active one)."""
    for form in _forms:
        shown = Rhino.RhinoDoc.FromRuntimeSerialNumber(form.view.doc_serial)
        if shown is None or shown.RuntimeSerialNumber == doc.RuntimeSerialNumber:
            return form
    return None


def is_open(doc):
    return _find(doc) is not None


def toggle(doc, make_view, release):
    """Show a form for `doc` (owned by Rhino's main window), or close the one that is open.
    `make_view(doc)` builds a live ChatView; `release(view)` is called when the form closes."""
    form = _find(doc)
    if form is not None:
        form.Close()
        return False
    form = ChatForm(make_view(doc), release)
    form.Owner = Rhino.UI.RhinoEtoApp.MainWindowForDocument(doc)  # not MainWindow: wrong on Mac
    form.Show()
    _forms.append(form)
    return True
