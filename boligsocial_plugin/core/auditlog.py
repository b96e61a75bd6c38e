# SPDX-License-Identifier: GPL-2.0-or-later
"""The audit log: one JSON line per algorithm run (who, when, what, with which files).

Municipal monitoring must log its use automatically (time, user, type of use).
An entry holds paths and settings only, never data values: passwords are removed from data
source URIs, anything shaped like a CPR number is redacted, long strings are truncated.
Entries older than the retention period are pruned when writing, at most once a day (the
first line is the oldest, so the check costs one line read).
"""
import json
import os
import re
import tempfile
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional

from boligsocial_plugin.core.pseudonym import redact

MAX_TEXT = 300
DEFAULT_RETENTION_DAYS = 365

_SECRETS = [
    # PostGIS/OGR style key='value' or key=value
    re.compile(r"(?i)\b(password|passwd|pwd|secret|token|apikey|api_key)\s*=\s*'(?:[^'\\]|\\.)*'"),
    re.compile(r"(?i)\b(password|passwd|pwd|secret|token|apikey|api_key)\s*=\s*\"[^\"]*\""),
    re.compile(r"(?i)\b(password|passwd|pwd|secret|token|apikey|api_key)\s*=\s*[^\s&;'\"|]+"),
]
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^/@\s:]+):([^/@\s]+)@")


def strip_secrets(text: str) -> str:
    """A data source string without passwords, tokens or URL credentials."""
    for rx in _SECRETS:
        text = rx.sub(lambda m: m.group(1) + "=***", text)
    return _URL_CREDENTIALS.sub(lambda m: m.group(1) + m.group(2) + ":***@", text)


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """A parameter text safe for the log: no secrets, no CPR numbers, truncated."""
    text = redact(strip_secrets(str(text)))
    return text if len(text) <= limit else text[:limit] + "…"


def clean_value(value: Any) -> Any:
    """A parameter value for the log: numbers and booleans as they are, text cleaned."""
    if value is None or isinstance(value, (bool, int, float)):
        if isinstance(value, float) and value != value:
            return None
        return value
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in list(value)[:50]]
    if isinstance(value, Mapping):
        return {clean_text(k, 80): clean_value(v) for k, v in list(value.items())[:50]}
    return clean_text(value)


def first_line(message: str) -> str:
    """First non-empty line of an error message, cleaned."""
    for line in str(message).splitlines():
        if line.strip():
            return clean_text(line.strip())
    return ""


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def build_entry(algorithm: str, parameters: Mapping[str, Any], outcome: str,
                started: datetime, duration_s: float, user: str = "", profile: str = "",
                error: str = "", counts: Optional[Mapping[str, Any]] = None,
                outputs: Optional[Mapping[str, Any]] = None,
                extra: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """One log entry (a JSON-serialisable dict); values are cleaned here."""
    entry: Dict[str, Any] = {
        "time": started.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "user": clean_text(user, 120),
        "profile": clean_text(profile),
        "algorithm": clean_text(algorithm, 120),
        "parameters": {str(k): clean_value(v) for k, v in parameters.items()},
        "input_counts": {str(k): clean_value(v) for k, v in (counts or {}).items()},
        "outputs": {str(k): clean_value(v) for k, v in (outputs or {}).items()},
        "outcome": outcome,
        "duration_s": round(float(duration_s), 3),
    }
    if error:
        entry["error"] = first_line(error)
    for k, v in (extra or {}).items():
        entry[str(k)] = clean_value(v)
    return entry


def _parse_time(line: str) -> Optional[datetime]:
    try:
        t = datetime.fromisoformat(json.loads(line)["time"])
    except (ValueError, KeyError, TypeError):
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def prune_due(path: str, retention_days: int, now: datetime) -> bool:
    """True when the oldest entry is more than a day past the retention period."""
    if retention_days <= 0 or not os.path.exists(path):
        return False
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        first = f.readline()
    t = _parse_time(first)
    return t is not None and t < now - timedelta(days=retention_days + 1)


def prune(path: str, retention_days: int, now: datetime) -> int:
    """Remove entries older than the retention period (atomic rewrite); returns lines removed.

    Lines that cannot be read are kept: the log is evidence and is never silently shortened.
    """
    if retention_days <= 0 or not os.path.exists(path):
        return 0
    cutoff = now - timedelta(days=retention_days)
    kept: List[str] = []
    removed = 0
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        for line in f:
            t = _parse_time(line)
            if t is not None and t < cutoff:
                removed += 1
            elif line.strip():
                kept.append(line if line.endswith("\n") else line + "\n")
    if removed:
        folder = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".audit-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.writelines(kept)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    return removed


def append_entry(path: str, entry: Mapping[str, Any],
                 retention_days: int = DEFAULT_RETENTION_DAYS,
                 now: Optional[datetime] = None) -> None:
    """Append one entry as a JSON line (file created readable by its owner only); prune first
    when due. Raises OSError when the log cannot be written (the caller warns)."""
    now = now or utc_now()
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    if prune_due(path, retention_days, now):
        prune(path, retention_days, now)
    line = json.dumps(entry, ensure_ascii=False, sort_keys=False, default=str) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def read_entries(path: str) -> List[Dict[str, Any]]:
    """All readable entries of a log file (oldest first)."""
    out: List[Dict[str, Any]] = []
    if not os.path.exists(path):
        return out
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
    return out


def log_path(setting: Optional[str], environment: Mapping[str, str], settings_dir: str) -> str:
    """Where the log goes: env BOLIGSOCIAL_AUDIT_LOG, else the setting, else the profile."""
    env = environment.get("BOLIGSOCIAL_AUDIT_LOG", "").strip()
    if env:
        return os.path.expanduser(env)
    if setting and str(setting).strip():
        return os.path.expanduser(str(setting).strip())
    return os.path.join(settings_dir, "boligsocial", "audit.jsonl")


def retention(value: Any) -> int:
    """Retention in days from a setting value (default 365; 0 keeps everything)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return DEFAULT_RETENTION_DAYS

