"""Configuration, read once from the environment (and an optional .env) into a typed object.

Only entry points call `Settings.from_env`; everything else receives the object.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.errors import ConfigError

_SOURCE_TREE = Path(__file__).resolve().parent.parent


def default_root() -> Path:
    """The repo in a source checkout; the working directory for an installed wheel."""
    return _SOURCE_TREE if (_SOURCE_TREE / "pyproject.toml").is_file() else Path.cwd()


DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_INLINE_COMMENT = re.compile(r"\s+#")


@dataclass(frozen=True)
class Settings:
    seeds: Path
    knowledge: Path
    token: str | None = field(default=None, repr=False)  # never printed
    api_base_url: str = DEFAULT_API_BASE_URL
    team: frozenset[int] = frozenset()  # user and chat ids allowed to ask
    admins: frozenset[int] = frozenset()  # user ids allowed to /reload, /stats and upload
    mode: Literal["polling", "webhook"] = "polling"
    host: str = "127.0.0.1"
    port: int = 8080
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    rate_limit: int = 20  # messages per user per rate_window seconds
    rate_window: float = 60.0
    max_upload_bytes: int = 5_000_000
    audit_db: Path | None = None  # defaults to knowledge/audit.sqlite
    # How often each replica checks facts.yaml for a version another one saved; 0: never.
    watch_seconds: float = 5.0
    # Wait before exiting on a polling conflict, so a restart policy cannot hammer Telegram.
    conflict_wait: float = 30.0

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        dotenv: Path | None = None,
        seeds: Path | None = None,
        knowledge: Path | None = None,
    ) -> Settings:
        """Build settings from `environ` (default os.environ) over values from a .env file.

        Explicit `seeds`/`knowledge` (command-line options) win over the environment.
        """
        env = dict(read_dotenv(dotenv)) if dotenv is not None else {}
        env.update(os.environ if environ is None else environ)
        mode = env.get("BRIEFBOT_MODE", "polling").strip().lower() or "polling"
        if mode not in ("polling", "webhook"):
            raise ConfigError(f"BRIEFBOT_MODE must be 'polling' or 'webhook', not {mode!r}")
        settings = cls(
            seeds=seeds or _folder(env, "BRIEFBOT_SEEDS", default_root() / "seeds"),
            knowledge=knowledge or _folder(env, "BRIEFBOT_KNOWLEDGE", default_root() / "knowledge"),
            token=_text(env, "TELEGRAM_BOT_TOKEN"),
            api_base_url=_text(env, "TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL,
            team=_ids(env, "BRIEFBOT_TEAM"),
            admins=_ids(env, "BRIEFBOT_ADMINS"),
            mode=mode,  # type: ignore[arg-type]
            host=_text(env, "BRIEFBOT_HOST") or "127.0.0.1",
            port=_int(env, "BRIEFBOT_PORT", 8080, low=0, high=65535),
            webhook_url=_text(env, "BRIEFBOT_WEBHOOK_URL"),
            webhook_secret=_text(env, "BRIEFBOT_WEBHOOK_SECRET"),
            rate_limit=_int(env, "BRIEFBOT_RATE_LIMIT", 20, low=1, high=100_000),
            rate_window=float(_int(env, "BRIEFBOT_RATE_WINDOW", 60, low=1, high=86_400)),
            max_upload_bytes=_int(
                env, "BRIEFBOT_MAX_UPLOAD_BYTES", 5_000_000, low=1, high=50_000_000
            ),
            audit_db=_path(env, "BRIEFBOT_AUDIT_DB", None),
            watch_seconds=float(_int(env, "BRIEFBOT_WATCH_SECONDS", 5, low=0, high=86_400)),
            conflict_wait=float(_int(env, "BRIEFBOT_CONFLICT_WAIT", 30, low=0, high=3_600)),
        )
        return settings

    def require_bot(self) -> None:
        """Check what serving Telegram needs, naming the first setting that is wrong."""
        if not self.token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
        if ":" not in self.token or any(c.isspace() for c in self.token):
            raise ConfigError("TELEGRAM_BOT_TOKEN is malformed (expected <id>:<secret>)")
        if not self.api_base_url.startswith(("https://", "http://")):
            raise ConfigError(
                f"TELEGRAM_API_BASE_URL must start with https:// or http://, "
                f"not {self.api_base_url!r}"
            )
        if not self.team and not self.admins:
            raise ConfigError("BRIEFBOT_TEAM is empty: set the user or chat ids allowed to ask")
        if self.mode == "webhook":
            if not self.webhook_url:
                raise ConfigError("BRIEFBOT_WEBHOOK_URL is required when BRIEFBOT_MODE=webhook")
            if not self.webhook_url.startswith("https://") and not self.webhook_url.startswith(
                "http://127.0.0.1"
            ):
                raise ConfigError("BRIEFBOT_WEBHOOK_URL must be an https:// URL")
            if not self.webhook_secret:
                raise ConfigError("BRIEFBOT_WEBHOOK_SECRET is required when BRIEFBOT_MODE=webhook")
            if not _WEBHOOK_SECRET.fullmatch(self.webhook_secret):
                # Telegram refuses other secrets at setWebhook, in words naming no variable.
                raise ConfigError(
                    "BRIEFBOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
                )


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; '#' comments, blank lines and optional quotes. Missing file: empty.

    Comments after a value follow docker compose's env_file rules (after a closing quote, or
    after whitespace in an unquoted value), so one file reads the same in both.
    """
    try:  # utf-8-sig: Notepad's byte order mark would otherwise hide the first variable
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start} is invalid)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    values: dict[str, str] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        values[key.strip()] = _dotenv_value(value.strip())
    return values


def _dotenv_value(value: str) -> str:
    if value[:1] in ("'", '"'):
        closing = value.find(value[0], 1)
        after = value[closing + 1 :].strip() if closing > 0 else None
        if after is not None and (not after or after.startswith("#")):
            return value[1:closing]
        return value  # an unbalanced quote: kept whole, so a check later names the variable
    return _INLINE_COMMENT.split(value, maxsplit=1)[0]


def _text(env: Mapping[str, str], name: str) -> str | None:
    """A value without the whitespace around it: a Secret made with `kubectl create secret
    --from-file` or `$(cat file)` keeps the file's final newline, and none of these values can
    hold whitespace."""
    return env.get(name, "").strip() or None


def _path(env: Mapping[str, str], name: str, default: Path | None) -> Path:
    value = env.get(name)
    return Path(value).expanduser() if value else default  # type: ignore[return-value]


def _folder(env: Mapping[str, str], name: str, default: Path) -> Path:
    path = _path(env, name, default)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{name}: {path} is a file, not a folder")
    return path


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    ids = set()
    for raw in env.get(name, "").replace(";", ",").split(","):
        part = raw.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(f"{name}: {part!r} is not a numeric Telegram id") from None
    return frozenset(ids)


def _int(env: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not an integer") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}: {value} is outside {low}..{high}")
    return value
