// The one piece of .NET RhinoCoder needs: Rhino registers docked panels by a public .NET type
// carrying a [Guid] (rhino8-plugin-notes §0.1, §1.3 option A), which a Python class cannot have.
// The Python view (rhino_plugin/ui/panel_view.py) sets ContentFactory before the panel opens;
// Rhino creates one PanelHost per document (PanelType.PerDoc) with that document's serial number.
using System;
using System.Runtime.InteropServices;
using Eto.Forms;

namespace RhinoCoderShim
{
    [Guid("3F1C2A7E-5B7D-4C8E-9A21-6E0D5B1C9F44")]
    public class PanelHost : Panel
    {
        public static Func<uint, Control> ContentFactory;

        public static Guid PanelId
        {
            get { return typeof(PanelHost).GUID; }
        }

        public uint DocumentSerialNumber { get; private set; }

        public PanelHost(uint documentSerialNumber)
        {
            DocumentSerialNumber = documentSerialNumber;
            if (ContentFactory == null)
            {
                Content = new Label { Text = "Run the RhinoCoder command to start the panel." };
                return;
            }
            try
            {
                Content = ContentFactory(documentSerialNumber);
            }
            catch (Exception ex)
            {
                Content = new Label { Text = "RhinoCoder could not build its panel: " + ex.Message };
            }
        }
    }
}
