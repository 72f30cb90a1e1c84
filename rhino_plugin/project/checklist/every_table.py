# RhinoCoder checklist script: touches every table a script can touch (rhino_plugin/README.md,
# "Checklist in Rhino 8"). Select one object before sending. The failing variant ends with a raise.
import rhinoscriptsyntax as rs

ids = SELECTED_IDS
target = ids[0]
rs.AddSphere((0, 0, 0), 3)                                 # object added
rs.MoveObject(target, (0, 0, 10))                          # object transformed (same id)
rs.ObjectColor(target, (255, 0, 0))                        # attributes: colour,
layer = rs.AddLayer("RhinoCoder checklist")                # a layer added,
rs.ObjectLayer(target, layer)                              # layer assignment,
rs.ObjectName(target, "renamed by RhinoCoder")             # name,
rs.SetUserText(target, "checklist", "A1")                  # user text,
rs.LockObject(target)                                      # lock
rs.CurrentLayer(layer)                                     # the current layer
group = rs.AddGroup("RhinoCoder group")                    # a group
rs.AddObjectsToGroup([target], group)
material = rs.AddMaterialToObject(target)                  # a material
rs.MaterialColor(material, (0, 0, 255))
rs.AddBlock([rs.AddPoint((1, 1, 1))], (0, 0, 0), "RhinoCoder block", True)   # a block definition
rs.AddNamedView("RhinoCoder view")                         # a named view
rs.UnitSystem(4, False)                                    # units: metres, no scaling
