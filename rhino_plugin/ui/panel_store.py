"""Panel settings and per-document conversations on disk (JSON, atomic writes).

Pure standard library; used by `panel_model.py`. A file that cannot be read never stops the
panel: settings fall back to defaults key by key, and an unreadable conversation is moved aside
(`*.corrupt`) so nothing is overwritten and lost.
"""
import hashlib
import json
import os
import urllib.parse
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional, Tuple

from rhino_plugin.core.files import open_atomic

DEFAULT_URL = "http://127.0.0.1:8080/v1"
MAX_ATTEMPTS = 10


def default_dir() -> str:
    """Where the panel keeps its files: %APPDATA%/RhinoCoder on Windows, ~/.rhinocoder elsewhere."""
    base = os.environ.get("RHINOCODER_HOME")
    if base:
        return base
    appdata = os.environ.get("APPDATA")
    return os.path.join(appdata, "RhinoCoder") if appdata else os.path.join(os.path.expanduser("~"), ".rhinocoder")


def write_json_atomic(path: str, data: Any) -> None:
    """Write `data` as JSON atomically (core.files), readable by the owner only (0600)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open_atomic(path, "w", encoding="utf-8", perm=0o600) as handle:
        json.dump(data, handle, indent=1, ensure_ascii=False)


# -- settings ------------------------------------------------------------------------------------


@dataclass
class Settings:
    server_url: str = DEFAULT_URL
    model: str = ""  # empty: the server's default model
    api_key: str = ""
    attempts: int = 3
    auto_run: bool = True
    include_selection: bool = True

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def check_setting(key: str, value: Any) -> Tuple[Any, Optional[str]]:
    """(normalised value, None) or (None, reason) for one setting."""
    if key == "server_url":
        if not isinstance(value, str) or not value.strip():
            return None, "server URL is empty"
        url = value.strip()
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None, "server URL must look like http://127.0.0.1:8080/v1 (got %r)" % url
        try:
            parts.port  # raises ValueError on a bad port
        except ValueError:
            return None, "server URL has a bad port: %r" % url
        return url, None
    if key in ("model", "api_key"):
        if value is None:
            return "", None
        if not isinstance(value, str):
            return None, "%s must be text" % key.replace("_", " ")
        return value.strip(), None
    if key == "attempts":
        if isinstance(value, bool):
            return None, "attempts must be a whole number from 1 to %d" % MAX_ATTEMPTS
        try:
            number = int(str(value).strip())
        except ValueError:
            return None, "attempts must be a whole number from 1 to %d (got %r)" % (MAX_ATTEMPTS, value)
        if not 1 <= number <= MAX_ATTEMPTS:
            return None, "attempts must be from 1 to %d (got %d)" % (MAX_ATTEMPTS, number)
        return number, None
    if key in ("auto_run", "include_selection"):
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
            return value.strip().lower() in ("true", "1", "yes"), None
        return None, "%s must be true or false" % key.replace("_", " ")
    return None, "unknown setting %r" % key


def apply_settings(current: Settings, changes: Dict[str, Any]) -> Tuple[Settings, Dict[str, str]]:
    """All changes checked first; any error leaves `current` as it was. Returns (settings, errors)."""
    values = current.to_dict()
    errors = {}  # type: Dict[str, str]
    for key, value in changes.items():
        normalised, reason = check_setting(key, value)
        if reason:
            errors[key] = reason
        else:
            values[key] = normalised
    if errors:
        return current, errors
    return Settings(**values), {}


def load_settings(path: str) -> Tuple[Settings, List[str]]:
    """Settings from `path`: defaults for a missing file, a bad file or a bad value (with a warning)."""
    if not os.path.exists(path):
        return Settings(), []
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        return Settings(), ["settings file %s is unreadable (%s); using defaults" % (path, exc)]
    if not isinstance(data, dict):
        return Settings(), ["settings file %s is not a JSON object; using defaults" % path]
    values = Settings().to_dict()
    warnings = []
    for key, value in data.items():
        if key not in values:
            continue  # a newer version's key: ignored, kept out of the way
        normalised, reason = check_setting(key, value)
        if reason:
            warnings.append("setting %s ignored: %s" % (key, reason))
        else:
            values[key] = normalised
    return Settings(**values), warnings


def save_settings(path: str, settings: Settings) -> None:
    write_json_atomic(path, settings.to_dict())


# -- conversations -------------------------------------------------------------------------------

CONVERSATION_FORMAT = 1


def conversation_path(folder: str, doc_key: Optional[str]) -> Optional[str]:
    """One file per document, named by a hash of the document's path; None for an untitled one."""
    if not doc_key:
        return None
    digest = hashlib.sha1(os.path.normcase(os.path.abspath(doc_key)).encode("utf-8")).hexdigest()[:16]
    return os.path.join(folder, "conversations", digest + ".json")


def save_conversation(path: str, doc_key: Optional[str], messages: List[Dict[str, Any]],
                      history: List[Dict[str, str]], last_code: Optional[str]) -> None:
    write_json_atomic(path, {"format": CONVERSATION_FORMAT, "document": doc_key, "messages": messages,
                             "history": history, "last_code": last_code})


def load_conversation(path: str) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
    """(data, None), (None, None) when there is none, or (None, warning) after moving a bad file aside."""
    if not os.path.exists(path):
        return None, None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list) \
                or not isinstance(data.get("history", []), list):
            raise ValueError("not a RhinoCoder conversation")
        for item in data["messages"] + data.get("history", []):
            if not isinstance(item, dict) or not isinstance(item.get("role"), str):
                raise ValueError("a message without a role")
    except (OSError, ValueError) as exc:
        aside = path + ".corrupt"
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return None, "the saved conversation could not be read (%s); it was kept as %s" % (exc, aside)
    return data, None


__all__ = ["Settings", "apply_settings", "check_setting", "conversation_path", "default_dir", "load_conversation",
           "load_settings", "save_conversation", "save_settings", "write_json_atomic"]
