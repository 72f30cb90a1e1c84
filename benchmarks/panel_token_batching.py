"""How much the panel's ~50 ms token batching saves: UI updates per streamed token.

    .venv/bin/python benchmarks/panel_token_batching.py

Streams replies from the scripted OpenAI-compatible server (real HTTP, SSE chunks every 5 ms)
through PanelModel on a headless host and counts listener calls of kind "tokens" (each is one
AsyncInvoke to Eto inside Rhino) against TokenEvents received. Prints the ratio.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from rhino_plugin.hosts.headless import HeadlessHost  # noqa: E402
from rhino_plugin.ui.panel_model import PanelModel  # noqa: E402
from tests.support.stub_openai import Reply, StubOpenAI  # noqa: E402

CODE = "```python\nimport rhinoscriptsyntax as rs\n" + "".join(
    "rs.AddPoint((%d, 0, 0))\n" % i for i in range(60)) + "```"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, StubOpenAI([Reply(CODE, chunk=4, delay=0.005)] * 3) as stub:
        model = PanelModel(HeadlessHost(), folder)
        model.update_settings(server_url=stub.url + "/v1")
        counts = {"tokens": 0, "events": 0}
        model.subscribe(lambda change: counts.__setitem__("tokens", counts["tokens"] + (change == "tokens")))
        handle = model.handle_event

        def counting(event):
            counts["events"] += event.kind == "token"
            handle(event)
        model.handle_event = counting
        for _ in range(3):
            model.send("add sixty points")
            model.wait(60)
        print("token events %d, UI text updates %d, ratio %.3f (1.0 = one update per token)"
              % (counts["events"], counts["tokens"], counts["tokens"] / max(1, counts["events"])))


if __name__ == "__main__":
    main()
