"""The Eto view of the RhinoCoder panel (Rhino-only). It shows `PanelModel` and forwards clicks.

No behaviour lives here: what is enabled, what text is shown and what a click does are decided
by the view-model (tests/plugin/test_rhino_static.py checks that this file never branches on the
model's state and keeps every function short). Colours come from Eto's SystemColors, which Rhino
sets for its light and dark themes, so the panel follows Rhino's styling.

    toggle_panel(doc, plugin)      # RhinoCoder command: register the [Guid] host once, show/hide
    ask(doc, plugin, "request")    # RhinoCoder "request": open the panel, send it once the command is over
    unload()                       # remove every handler this module added (also on RhinoApp.Closing)

Documents: a view shows the conversation of one document and checks on every click and on every
document event (NewDocument, EndOpenDocument, ActiveDocumentChanged) that the document is still
open; when it closed (File > New or File > Open on Windows, where one panel instance may serve
every document) the view moves to the active document's conversation.

Handlers: the RhinoDoc and RhinoApp handlers are subscribed once by this module, while a view is
live, and removed when the last view closes (panel host closed: Rhino.UI.Panels.Closed; form
closed) and by unload(). The docked panel falls back to the floating form when there is no C#
host or when RegisterPanel/OpenPanel throw.
"""
import Eto.Drawing as drawing
import Eto.Forms as forms
import Rhino
import System

from rhino_plugin.hosts.rhino import RhinoHost, after_command, document, post_to_ui, subscribe
from rhino_plugin.ui.panel_model import PanelModel

TITLE = "RhinoCoder"
BUTTONS = (("send", "Send"), ("stop", "Stop"), ("run", "Run"), ("undo", "Undo turn"), ("new", "New"),
           ("copy", "Copy code"), ("settings", "Settings..."))
SETTINGS = (("server_url", "Server URL"), ("model", "Model"), ("api_key", "API key"), ("attempts", "Attempts"))

_models = {}  # document serial -> PanelModel (Python modules outlive command runs)
_views = []  # live views: the docked panel's content and floating forms' content
_parked = []  # docked views whose panel host closed (Rhino may show the same instance again)
_hooks = {"views": False, "panel": False, "closing": False}  # which groups of Rhino handlers are subscribed
_state = {"registered": False, "host_type": None, "panel_error": None}


def model_for(doc):
    """One view-model per document; its conversation file is keyed by the document's path."""
    model = _models.get(doc.RuntimeSerialNumber)
    if model is None:
        model = PanelModel(RhinoHost(doc), doc_key=doc.Path or None, post=post_to_ui)
        _models[doc.RuntimeSerialNumber] = model
    return model


class ChatView(forms.Panel):
    def __init__(self, model, doc_serial=0):
        super().__init__()
        self.model = model
        self.doc_serial = doc_serial  # the document whose conversation this view shows
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
        self._timer.Elapsed += _handler(self._on_timer)
        model.subscribe(self.refresh)
        self.refresh("all")
        self.model.refresh_context()

    def _wire(self):
        m = self.current  # resolved on every click: the document may have changed since the last one
        actions = {"send": lambda: m().send(), "stop": lambda: m().stop(), "run": lambda: m().run(),
                   "undo": lambda: m().undo(), "new": lambda: m().new_conversation(), "copy": self._copy,
                   "settings": self._settings}
        for key, button in self.buttons.items():
            button.Click += _handler(actions[key])
        self.input.TextChanged += _handler(lambda: self.model.set_input(self.input.Text))
        self.auto_run.CheckedChanged += _handler(lambda: m().update_settings(auto_run=self.auto_run.Checked))
        self.selection.CheckedChanged += _handler(
            lambda: m().update_settings(include_selection=self.selection.Checked))

    def current(self):
        """The view-model of the document this view shows, moving to the active document's when
        that one was closed (Windows reuses one panel for File > New / File > Open)."""
        doc = document(self.doc_serial)
        if doc.RuntimeSerialNumber != self.doc_serial:
            self.show_document(doc)
        return self.model

    def show_document(self, doc):
        self.model.unsubscribe(self.refresh)
        self.doc_serial = doc.RuntimeSerialNumber
        self.model = model_for(doc)
        self.model.set_input(self.input.Text)  # what the user typed stays in the box
        self.model.subscribe(self.refresh)
        self.refresh("all")
        self.model.refresh_context()

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

    def _on_timer(self):
        self._timer.Stop()
        self.current().refresh_selection()  # the selection part only, bounded (core/host.py)

    def _copy(self):
        forms.Clipboard().Text = self.model.code_text()

    def _settings(self):
        SettingsDialog(self.model).ShowModal(self)

    def detach(self):
        """Stop showing the model (the panel host or form closed); Rhino handlers are the module's."""
        self.model.unsubscribe(self.refresh)
        self._timer.Stop()

    def attach(self):
        """Show the model again (the same panel instance shown again)."""
        self.model.unsubscribe(self.refresh)
        self.model.subscribe(self.refresh)
        self.current()
        self.refresh("all")


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


# -- live views and the Rhino handlers they need --------------------------------------------------------


def adopt(view):
    """`view` is on screen: it gets selection and document updates (handlers subscribed once)."""
    if view not in _views:
        _views.append(view)
    _view_hooks(True)
    return view


def release(view):
    """`view` left the screen: it stops listening; the last one out removes the Rhino handlers."""
    if view in _views:
        _views.remove(view)
    view.detach()
    if not _views:
        _view_hooks(False)


def unload():
    """Remove every handler this module subscribed and let go of every view (RhinoApp.Closing)."""
    for view in _views + _parked:
        view.detach()
    _views[:] = []
    _parked[:] = []
    _view_hooks(False)
    _panel_hooks(False)
    _state["registered"] = False  # Rhino keeps the type (registering again is a no-op); our handlers are gone


def _view_hooks(on):
    """RhinoDoc selection and document events, while a view is live (the same functions for += and -=)."""
    if _hooks["views"] == on:
        return
    subscribe(Rhino.RhinoDoc, {
        "SelectObjects": _on_selection, "DeselectObjects": _on_selection, "DeselectAllObjects": _on_selection,
        "NewDocument": _on_documents, "EndOpenDocument": _on_documents, "ActiveDocumentChanged": _on_documents,
        "CloseDocument": _on_close_document}, on)
    _hooks["views"] = on
    _closing_hook()


def _panel_hooks(on):
    """Panels.Show and Panels.Closed, from RegisterPanel until unload(): a closed panel host can be
    shown again (the same instance), and only Show tells us."""
    if _hooks["panel"] == on:
        return
    if on:
        Rhino.UI.Panels.Show += _on_panel_show
        Rhino.UI.Panels.Closed += _on_panel_closed
    else:
        Rhino.UI.Panels.Show -= _on_panel_show
        Rhino.UI.Panels.Closed -= _on_panel_closed
    _hooks["panel"] = on
    _closing_hook()


def _closing_hook():
    """RhinoApp.Closing runs unload(); subscribed while any other handler of ours is."""
    wanted = _hooks["views"] or _hooks["panel"]
    if wanted and not _hooks["closing"]:
        Rhino.RhinoApp.Closing += _on_rhino_closing
    elif _hooks["closing"] and not wanted:
        Rhino.RhinoApp.Closing -= _on_rhino_closing
    _hooks["closing"] = wanted


def _each_view(action):
    for view in list(_views):
        try:
            action(view)
        except Exception as exc:  # one view's failure must not stop the others or reach Rhino
            Rhino.RhinoApp.WriteLine("RhinoCoder: %s: %s" % (type(exc).__name__, exc))


def _on_selection(sender, e):
    _each_view(lambda view: view.on_selection_changed(sender, e))


def _on_documents(sender, e):
    _each_view(lambda view: view.current())


def _on_close_document(sender, e):
    model = _models.pop(e.DocumentSerialNumber, None)
    if model is not None:
        model.stop()  # a turn still running there ends (its document is going away)


def _on_rhino_closing(sender, e):
    unload()


# -- the docked panel ---------------------------------------------------------------------------------


def _make_view(doc_serial):
    """Rhino constructs the C# host with a document serial: build its content and make it live."""
    doc = document(doc_serial)
    for stale in [v for v in _views + _parked if not _doc_open(_born(v))]:
        _drop(stale)  # PerDoc panels: an instance is disposed of when its document closes
    view = ChatView(model_for(doc), doc.RuntimeSerialNumber)
    view.born = doc.RuntimeSerialNumber  # docked: Rhino made it for this document
    return adopt(view)


def _born(view):
    """The document a docked view was constructed for (floating forms: none, never stale)."""
    return getattr(view, "born", None)


def _is_docked(view):
    return _born(view) is not None


def _doc_open(serial):
    return serial is None or Rhino.RhinoDoc.FromRuntimeSerialNumber(serial) is not None


def _drop(view):
    if view in _parked:
        _parked.remove(view)
    release(view)


def _for_panel_event(views, e):
    """The docked views a Panels event is about: its document's, and any whose document closed."""
    return [v for v in views
            if _is_docked(v) and (v.doc_serial == e.DocumentSerialNumber or not _doc_open(v.doc_serial))]


def _on_panel_show(sender, e):
    """Panels.Show with Show=true for our panel: a parked (closed, not disposed) instance is back."""
    if str(e.PanelId) != str(host_type().PanelId) or not e.Show:
        return
    for view in _for_panel_event(_parked, e):
        _parked.remove(view)
        adopt(view).attach()


def _on_panel_closed(sender, e):
    """Panels.Closed: "raised when a panel host is closed". Its views stop listening until shown again."""
    if str(e.PanelId) != str(host_type().PanelId):
        return
    for view in _for_panel_event(_views, e):
        release(view)
        _parked.append(view)


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


def _docked_panel():
    """The C# host when the docked panel can be used: present, and it has not thrown before."""
    return None if _state["panel_error"] else host_type()


def _toggle_docked(panel, plugin):
    if not _state["registered"]:
        Rhino.UI.Panels.RegisterPanel(plugin, panel, TITLE, System.Drawing.SystemIcons.Information,
                                      Rhino.UI.PanelType.PerDoc)
        _state["registered"] = True
    _panel_hooks(True)
    panel_id = panel.PanelId
    visible = Rhino.UI.Panels.IsPanelVisible(panel_id)
    (Rhino.UI.Panels.ClosePanel if visible else Rhino.UI.Panels.OpenPanel)(panel_id)
    return not visible


def toggle_panel(doc, plugin):
    """Show or hide the docked panel; the modeless form instead when the C# host is missing or
    Rhino's panel API throws (RegisterPanel rejects the type, OpenPanel fails)."""
    panel = _docked_panel()
    if panel is not None:
        try:
            return _toggle_docked(panel, plugin)
        except Exception as exc:
            _state["panel_error"] = "%s: %s" % (type(exc).__name__, exc)
            _panel_hooks(False)  # the docked panel is not used again this session
            Rhino.RhinoApp.WriteLine("RhinoCoder: the docked panel failed (%s); using a floating window."
                                     % _state["panel_error"])
    from rhino_plugin.ui import form_fallback
    return form_fallback.toggle(doc, _make_form_view, release)


def _make_form_view(doc):
    return adopt(ChatView(model_for(doc), doc.RuntimeSerialNumber))


def is_open(doc):
    """Whether this document's panel (or fallback form) is showing."""
    panel = _docked_panel()
    if panel is None:
        from rhino_plugin.ui import form_fallback
        return form_fallback.is_open(doc)
    return Rhino.UI.Panels.IsPanelVisible(panel.PanelId)


def ask(doc, plugin, request):
    """`-RhinoCoder "request"`: make sure the panel is open (never close it), then send the request
    once the RhinoCoder command has returned: inside it Command.InCommand() is true and the run
    would be refused. The request goes to the command's document (the active one if that closed)."""
    if not is_open(doc):
        toggle_panel(doc, plugin)
    serial = doc.RuntimeSerialNumber
    after_command(lambda: model_for(document(serial)).send(request))
    return True
