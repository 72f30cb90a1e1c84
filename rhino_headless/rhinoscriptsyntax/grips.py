"""rhinoscriptsyntax.grips, headless: grips are Rhino's interactive control-point handles,
turned on and picked in the viewports, so every function deliberately needs Rhino."""

NEEDS_RHINO = {name: "Rhino's object grips (interactive editing)" for name in (
    "EnableObjectGrips", "GetObjectGrip", "GetObjectGrips", "NextObjectGrip", "ObjectGripCount",
    "ObjectGripLocation", "ObjectGripLocations", "ObjectGripsOn", "ObjectGripsSelected",
    "PrevObjectGrip", "SelectedObjectGrips", "SelectObjectGrip", "SelectObjectGrips",
    "UnselectObjectGrip", "UnselectObjectGrips")}
