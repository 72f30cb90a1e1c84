"""A modeless Eto Form holding the same ChatView, for when the C# panel host cannot be loaded
(rhino8-plugin-notes §1.3 option D). Rhino-only; pure Python; no behaviour of its own."""
import Eto.Drawing as drawing
import Eto.Forms as forms
import Rhino

_forms = {}  # document serial -> the open form (kept alive across command runs)


class ChatForm(forms.Form):
    def __init__(self, doc, view):
        super().__init__()  # required for .NET subclasses in Python 3
        self.doc_serial = doc.RuntimeSerialNumber
        self.view = view
        self.Title = "RhinoCoder"
        self.Resizable = True
        self.ShowInTaskbar = False
        self.MinimumSize = drawing.Size(340, 420)
        self.Content = view
        self.Closed += self._on_closed

    def _on_closed(self, sender, e):
        try:
            Rhino.RhinoDoc.SelectObjects -= self.view.selection_handler
            Rhino.RhinoDoc.DeselectObjects -= self.view.selection_handler
            Rhino.RhinoDoc.DeselectAllObjects -= self.view.selection_handler
            self.view.detach()
        finally:
            _forms.pop(self.doc_serial, None)


def is_open(doc):
    return doc.RuntimeSerialNumber in _forms


def toggle(doc, model, view_class):
    """Show the form for `doc` (owned by Rhino's main window), or close it when it is open."""
    form = _forms.get(doc.RuntimeSerialNumber)
    if form is not None:
        form.Close()
        return False
    view = view_class(model)
    Rhino.RhinoDoc.SelectObjects += view.selection_handler
    Rhino.RhinoDoc.DeselectObjects += view.selection_handler
    Rhino.RhinoDoc.DeselectAllObjects += view.selection_handler
    form = ChatForm(doc, view)
    form.Owner = Rhino.UI.RhinoEtoApp.MainWindowForDocument(doc)  # not MainWindow: wrong on Mac
    form.Show()
    _forms[doc.RuntimeSerialNumber] = form
    return True
