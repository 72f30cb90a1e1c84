"""The Eto view of the RhinoCoder panel (Rhino-only). It shows `PanelModel` and forwards clicks.

No behaviour lives here: what is enabled, what text is shown and what a click does are decided
by the view-model (tests/plugin/test_rhino_static.py checks that this file never branches on the
model's state and keeps every function short). Colours come from Eto's SystemColors, which Rhino
sets for its light and dark themes, so the panel follows Rhino's styling.

    toggle_panel(doc, plugin)      # RhinoCoder command: register the [Guid] host once, show/hide
    ask(doc, plugin, "request")    # RhinoCoder "request": open the panel and send it
"""
import Eto.Drawing as drawing
import Eto.Forms as forms
import Rhino
import System

from rhino_plugin.hosts.rhino import RhinoHost, post_to_ui
from rhino_plugin.ui.panel_model import PanelModel

TITLE = "RhinoCoder"
BUTTONS = (("send", "Send"), ("stop", "Stop"), ("run", "Run"), ("undo", "Undo turn"), ("new", "New"),
           ("copy", "Copy code"), ("settings", "Settings..."))
SETTINGS = (("server_url", "Server URL"), ("model", "Model"), ("api_key", "API key"), ("attempts", "Attempts"))

_models = {}  # document serial -> PanelModel (Python modules outlive command runs)
_state = {"registered": False, "host_type": None}


def model_for(doc):
    """One view-model per document; its conversation file is keyed by the document's path."""
    model = _models.get(doc.RuntimeSerialNumber)
    if model is None:
        model = PanelModel(RhinoHost(doc), doc_key=doc.Path or None, post=post_to_ui)
        _models[doc.RuntimeSerialNumber] = model
    return model


class ChatView(forms.Panel):
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.conversation = _make(forms.TextArea, ReadOnly=True, Wrap=True)
        self.code = _make(forms.TextArea, ReadOnly=True, Wrap=False, Font=drawing.Fonts.Monospace(9))
        self.chip = _make(forms.Label, Wrap=forms.WrapMode.Word, TextColor=drawing.SystemColors.DisabledText)
        self.status = forms.Label()
        self.notice = _make(forms.Label, Wrap=forms.WrapMode.Word, TextColor=drawing.SystemColors.Highlight)
        self.input = _make(forms.TextArea, Height=64, Wrap=True)
        self.auto_run = _make(forms.CheckBox, Text="Auto-run")
        self.selection = _make(forms.CheckBox, Text="Include selection")
        self.buttons = dict((key, _make(forms.Button, Text=text)) for key, text in BUTTONS)
        self._wire()
        self.Content = self._layout()
        self._timer = _make(forms.UITimer, Interval=0.3)
        self._timer.Elapsed += self._on_timer
        self.selection_handler = self.on_selection_changed  # one object for += and -=
        model.subscribe(self.refresh)
        self.refresh("all")
        self.model.refresh_context()

    def _wire(self):
        actions = {"send": self.model.send, "stop": self.model.stop, "run": self.model.run, "undo": self.model.undo,
                   "new": self.model.new_conversation, "copy": self._copy, "settings": self._settings}
        for key, button in self.buttons.items():
            button.Click += _handler(actions[key])
        self.input.TextChanged += _handler(lambda: self.model.set_input(self.input.Text))
        self.auto_run.CheckedChanged += _handler(lambda: self.model.update_settings(auto_run=self.auto_run.Checked))
        self.selection.CheckedChanged += _handler(
            lambda: self.model.update_settings(include_selection=self.selection.Checked))

    def _layout(self):
        layout = _make(forms.DynamicLayout, Padding=drawing.Padding(6), Spacing=drawing.Size(4, 4))
        layout.AddRow(self.chip)
        layout.Add(self.conversation, None, True)  # (control, xscale, yscale)
        layout.Add(self.code, None, True)
        layout.AddRow(self.status)
        layout.AddRow(self.notice)
        layout.Add(self.input)
        layout.AddSeparateRow(*[self.buttons[k] for k in ("send", "stop", "run", "undo")])
        layout.AddSeparateRow(self.auto_run, self.selection, None, *[self.buttons[k] for k in ("new", "copy", "settings")])
        return layout

    def refresh(self, change):
        """Copy everything the model shows into the controls (called on the UI thread)."""
        m = self.model
        self.conversation.Text = m.transcript()
        self.conversation.CaretIndex = len(self.conversation.Text)
        self.code.Text = m.code_text()
        self.chip.Text = m.chip
        self.status.Text = m.status_text()
        self.notice.Text = m.notice
        if change in ("input", "all"):  # only when the model cleared it: no caret jumps while typing
            self.input.Text = m.input_text
        self.auto_run.Checked = m.settings.auto_run
        self.selection.Checked = m.settings.include_selection
        for key, enabled in m.buttons().items():
            self.buttons[key].Enabled = enabled

    def on_selection_changed(self, sender, e):
        self._timer.Stop()
        self._timer.Start()  # debounced: the chip is recomputed once the selection settles

    def _on_timer(self, sender, e):
        self._timer.Stop()
        self.model.refresh_context()

    def _copy(self):
        forms.Clipboard().Text = self.model.code_text()

    def _settings(self):
        SettingsDialog(self.model).ShowModal(self)

    def detach(self):
        self.model.unsubscribe(self.refresh)
        self._timer.Stop()


class SettingsDialog(forms.Dialog):
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.Title = "RhinoCoder settings"
        self.Padding = drawing.Padding(10)
        values = model.settings.to_dict()
        self.fields = dict((key, _make(forms.TextBox, Text=str(values[key]))) for key, _ in SETTINGS)
        self.errors = _make(forms.Label, TextColor=drawing.SystemColors.Highlight, Wrap=forms.WrapMode.Word)
        ok = _make(forms.Button, Text="Save")
        ok.Click += _handler(self._save)
        layout = _make(forms.DynamicLayout, Spacing=drawing.Size(6, 6))
        for key, label in SETTINGS:
            layout.AddRow(_make(forms.Label, Text=label), self.fields[key])
        layout.AddRow(self.errors)
        layout.AddRow(None, ok)
        self.Content = layout

    def _save(self):
        errors = self.model.update_settings(**dict((k, f.Text) for k, f in self.fields.items()))
        self.errors.Text = "\n".join(errors.values())
        if not errors:
            self.Close()


def _make(cls, **properties):
    """Construct an Eto control and set its properties (pythonnet has no C#-style initializers)."""
    control = cls()
    for name, value in properties.items():
        setattr(control, name, value)
    return control


def _handler(action):
    """An Eto event handler that runs `action()` and never lets an exception reach Eto."""
    def handle(sender, e):
        try:
            action()
        except Exception as exc:
            Rhino.RhinoApp.WriteLine("RhinoCoder: %s: %s" % (type(exc).__name__, exc))
    return handle


# -- the docked panel ---------------------------------------------------------------------------------


def _make_view(doc_serial):
    doc = Rhino.RhinoDoc.FromRuntimeSerialNumber(doc_serial) or Rhino.RhinoDoc.ActiveDoc
    view = ChatView(model_for(doc))
    Rhino.RhinoDoc.SelectObjects += view.selection_handler
    Rhino.RhinoDoc.DeselectObjects += view.selection_handler
    Rhino.RhinoDoc.DeselectAllObjects += view.selection_handler
    return view


def host_type():
    """The C# [Guid] panel host from the project's RhinoCoderShim library (None when missing)."""
    if _state["host_type"] is None:
        try:
            from RhinoCoderShim import PanelHost
        except ImportError:
            return None
        PanelHost.ContentFactory = System.Func[System.UInt32, forms.Control](_make_view)
        _state["host_type"] = PanelHost
    return _state["host_type"]


def toggle_panel(doc, plugin):
    """Show or hide the docked panel; fall back to a modeless form without the C# host."""
    panel = host_type()
    if panel is None:
        from rhino_plugin.ui import form_fallback
        return form_fallback.toggle(doc, model_for(doc), ChatView)
    if not _state["registered"]:
        Rhino.UI.Panels.RegisterPanel(plugin, panel, TITLE, System.Drawing.SystemIcons.Information,
                                      Rhino.UI.PanelType.PerDoc)
        _state["registered"] = True
    panel_id = panel.PanelId
    visible = Rhino.UI.Panels.IsPanelVisible(panel_id)
    (Rhino.UI.Panels.ClosePanel if visible else Rhino.UI.Panels.OpenPanel)(panel_id)
    return not visible


def is_open(doc):
    """Whether this document's panel (or fallback form) is showing."""
    panel = host_type()
    if panel is None:
        from rhino_plugin.ui import form_fallback
        return form_fallback.is_open(doc)
    return Rhino.UI.Panels.IsPanelVisible(panel.PanelId)


def ask(doc, plugin, request):
    """`-RhinoCoder "request"`: make sure the panel is open (never close it), then send the request."""
    if not is_open(doc):
        toggle_panel(doc, plugin)
    return model_for(doc).send(request)
