"""A stand-in model server for the in-Rhino checklist (rhino_plugin/README.md): it answers every
request with rhino_plugin/project/checklist/every_table.py, so a turn's script is known in advance.

    .venv/bin/python tests/support/checklist_server.py fail   # the script, then a raise
    .venv/bin/python tests/support/checklist_server.py ok

Prints the URL to put in the panel's Settings > Server URL; Ctrl+C stops it. The replies are
streamed by tests/support/stub_openai.py (a real OpenAI-compatible HTTP server on 127.0.0.1).
Run from the repository root.
"""
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(REPO, "rhino_plugin", "project", "checklist", "every_table.py")
sys.path.insert(0, REPO)

from tests.support.stub_openai import StubOpenAI  # noqa: E402

FAILURE = 'raise RuntimeError("RhinoCoder checklist: this attempt must leave no trace")\n'


def reply(variant: str) -> str:
    with open(SCRIPT, encoding="utf-8") as handle:
        code = handle.read()
    return "```python\n%s%s```" % (code, FAILURE if variant == "fail" else "")


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in ("fail", "ok"):
        print(__doc__)
        return 2
    with StubOpenAI([reply(sys.argv[1])] * 1000) as stub:
        print("Server URL: %s/v1   (every reply: every_table.py%s)" % (
            stub.url, ", then a raise" if sys.argv[1] == "fail" else ""))
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
