"""rhinoscriptsyntax.toolbar, headless: toolbars belong to Rhino's user interface, so every
function deliberately needs Rhino."""

NEEDS_RHINO = {name: "Rhino's toolbars (application settings)" for name in (
    "CloseToolbarCollection", "HideToolbar", "IsToolbar", "IsToolbarCollection", "IsToolbarDocked",
    "IsToolbarVisible", "OpenToolbarCollection", "SaveToolbarCollection", "SaveToolbarCollectionAs",
    "ShowToolbar", "ToolbarCollectionCount", "ToolbarCollectionNames", "ToolbarCollectionPath",
    "ToolbarCount", "ToolbarNames")}
