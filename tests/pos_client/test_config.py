"""Settings: defaults, the TOML file a person edits, the environment, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_client.config import ConfigError, Settings, load_settings, parse_prefixes, setting_help


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "missing.toml", environ={})

    assert settings == Settings()
    assert settings.database_path == settings.data_dir / "till.sqlite3"


def test_file_then_environment(tmp_path: Path) -> None:
    config = tmp_path / "till.toml"
    config.write_text(
        'data_dir = "/srv/till"\nstore_code = "KRK01"\ntill_id = "03"\nweighed_item_digits = 4\n',
        encoding="utf-8",
    )

    from_file = load_settings(config, environ={})
    from_env = load_settings(config, environ={"POS_DATA_DIR": str(tmp_path / "env")})

    assert (from_file.data_dir, from_file.store_code, from_file.till_id) == (
        Path("/srv/till"),
        "KRK01",
        "03",
    )
    assert from_file.weighed_item_digits == 4
    assert from_env.data_dir == tmp_path / "env"
    assert from_env.store_code == "KRK01"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("store_code = 12\n", "store_code: expected text"),
        ('weighed_item_digits = "five"\n', "weighed_item_digits: expected a whole number"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ("store_code = \n", "not a valid TOML file"),
    ],
)
def test_bad_values_are_refused_by_name(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "till.toml"
    config.write_text(content, encoding="utf-8")

    with pytest.raises(ConfigError, match=message):
        load_settings(config, environ={})


def test_every_setting_has_help() -> None:
    assert all(text.strip() for text in setting_help().values())
    assert "data_dir" in setting_help()


def test_weighed_prefixes() -> None:
    assert parse_prefixes("20-29") == frozenset(str(n) for n in range(20, 30))
    assert parse_prefixes("21, 28") == frozenset({"21", "28"})
    with pytest.raises(ConfigError, match="backwards"):
        parse_prefixes("29-20")
    with pytest.raises(ConfigError, match="not a prefix"):
        parse_prefixes("2x")
