"""Till settings: declared once with type, default and help; read from a TOML file a person can
edit; the data directory can also be set by the POS_DATA_DIR environment variable."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "pos-till"
CONFIG_ENV = "POS_CONFIG"
DATA_DIR_ENV = "POS_DATA_DIR"


class ConfigError(ValueError):
    """A bad value in the config file, with the setting's name and what is expected."""


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


_DEFAULT_DATA_DIR = Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = _setting(
        _DEFAULT_DATA_DIR,
        "Folder of the till's database, logs and images (overridden by POS_DATA_DIR).",
    )
    store_code: str = _setting("WAW01", "Code of the store this till stands in.")
    till_id: str = _setting("01", "Number of this till within the store (two digits).")
    central_url: str = _setting("http://127.0.0.1:8765", "Address of the central stock service.")
    weighed_prefixes: str = _setting(
        "20-29", "In-store barcode prefixes for weighed items, e.g. '20-29' or '21,22'."
    )
    weighed_item_digits: int = _setting(5, "Digits of the item number in an in-store barcode.")

    @property
    def database_path(self) -> Path:
        return self.data_dir / "till.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def images_dir(self) -> Path:
        return self.data_dir / "images"


def setting_help() -> dict[str, str]:
    return {f.name: str(f.metadata["help"]) for f in fields(Settings)}


def default_config_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or platformdirs.user_config_path(APP_NAME) / "till.toml")


def _convert(name: str, expected: type, value: Any) -> Any:
    if expected is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{name}: expected a folder path, got {value!r}")
        return Path(value).expanduser()
    if expected is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ConfigError(f"{name}: expected a whole number, got {value!r}")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{name}: expected text, got {value!r}")
    return value


_TYPES: dict[str, type] = {"data_dir": Path, "weighed_item_digits": int}


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then the config file (if it exists), then the environment."""
    environ = dict(os.environ) if environ is None else environ
    path = path or default_config_path()
    values: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not a valid TOML file: {error}") from error
        known = {f.name for f in fields(Settings)}
        for name, value in raw.items():
            if name not in known:
                raise ConfigError(f"{path}: unknown setting {name!r}; known: {sorted(known)}")
            values[name] = _convert(name, _TYPES.get(name, str), value)
    if environ.get(DATA_DIR_ENV):
        values["data_dir"] = Path(environ[DATA_DIR_ENV]).expanduser()
    return Settings(**values)


def parse_prefixes(text: str) -> frozenset[str]:
    """'20-29' or '21,22,28' -> the two-digit prefixes."""
    prefixes: set[str] = set()
    for part in text.replace(" ", "").split(","):
        low, _, high = part.partition("-")
        if not (
            low.isdigit() and len(low) == 2 and (not high or (high.isdigit() and len(high) == 2))
        ):
            raise ConfigError(
                f"weighed_prefixes: {part!r} is not a prefix like 21 or a range 20-29"
            )
        if high and int(high) < int(low):
            raise ConfigError(f"weighed_prefixes: the range {part!r} runs backwards")
        prefixes.update(f"{n:02d}" for n in range(int(low), int(high or low) + 1))
    return frozenset(prefixes)
