"""Settings: defaults, the TOML file a person edits, the environment, clear refusals, the file
writer (escaping, atomic replace, round trip) and the in-store barcode layout."""

from __future__ import annotations

import os
import stat
import tempfile
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from hardware.barcodes import MeasureKind, parse_product_code, with_check_digit
from hardware.decoding import DEFAULT_ENGINE, Engine
from hardware.escpos_render import CodePage, PaperWidth
from hardware.printers import (
    Connection,
    CupsQueue,
    DevicePrinter,
    DummyPrinter,
    NetworkPrinter,
    NoPrinter,
    SerialPrinter,
    UsbPrinter,
)
from pos_client.config import (
    CODE_PAGES,
    DECODER_ENGINES,
    ConfigError,
    Group,
    Settings,
    declaration,
    declarations,
    load_settings,
    parse_prefixes,
    printer_config,
    restart_settings,
    save_settings,
    serial_scanner_settings,
    setting_help,
    settings_toml,
    settings_with,
    toml_string,
    toml_value,
    validate_value,
    variable_measure_layout,
    wedge_settings,
)

ALL_SETTINGS = {
    "data_dir",
    "store_code",
    "till_id",
    "central_url",
    "language",
    "idle_lock_seconds",
    "weighed_prefixes",
    "weighed_item_digits",
    "weighed_measure",
    "weighed_price_verifier",
    "printer",
    "printer_paper_mm",
    "printer_codepage",
    "printer_profile",
    "scanner_suffix",
    "scanner_min_length",
    "scanner_prefix",
    "scanner_max_gap_ms",
    "serial_scanner_port",
    "serial_scanner_speed",
    "decoder_engine",
}

CHANGED = Settings(
    data_dir=Path("/srv/kasa/Łódź"),
    store_code="KRK02",
    till_id="07",
    central_url="https://central.example.pl:8443",
    language="en",
    idle_lock_seconds=120,
    weighed_prefixes="21,22,28",
    weighed_item_digits=5,
    weighed_measure="price_grosze",
    weighed_price_verifier=True,
    printer="tcp://192.168.1.50:9100",
    printer_profile="TM-T20II",
    printer_paper_mm=58,
    printer_codepage="wpc1250",
    scanner_suffix="tab",
    scanner_min_length=12,
    scanner_prefix="#",
    scanner_max_gap_ms=25,
    serial_scanner_port="/dev/serial/by-id/usb-Datalogic-if00",
    serial_scanner_speed=115200,
    decoder_engine="zbar",
)
"""Every setting changed from its default."""


# --- declarations ---------------------------------------------------------------------------


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "missing.toml", environ={})

    assert settings == Settings()
    assert settings.database_path == settings.data_dir / "till.sqlite3"


def test_every_setting_is_declared_once_with_type_default_help_and_group() -> None:
    declared = {each.name: each for each in declarations()}

    assert set(declared) == ALL_SETTINGS == {f.name for f in fields(Settings)}
    for each in declared.values():
        assert each.kind in (str, int, bool, Path)
        assert isinstance(each.default, each.kind)
        assert getattr(Settings(), each.name) == each.default
        assert each.setting.label.context == each.setting.help.context == "Config"
        assert each.setting.label.source.strip()
        assert each.setting.help.source.strip()
        assert isinstance(each.setting.group, Group)
    assert declared["idle_lock_seconds"].kind is int
    assert declared["weighed_price_verifier"].kind is bool
    assert declared["data_dir"].kind is Path
    assert declared["language"].default == "pl"
    assert declared["idle_lock_seconds"].default == 300


def test_the_declarations_come_in_groups_in_screen_order() -> None:
    groups = [each.setting.group for each in declarations()]
    runs = [group for index, group in enumerate(groups) if index == 0 or groups[index - 1] != group]

    assert runs == list(Group)


def test_every_setting_has_help() -> None:
    assert all(text.strip() for text in setting_help().values())
    assert "data_dir" in setting_help()
    assert "tcp://" in setting_help()["printer"]
    assert "QWERTZ" in setting_help()["scanner_suffix"]


def test_settings_needing_a_restart() -> None:
    """Only the language and the idle lock are applied to the running till."""
    assert set(restart_settings()) == ALL_SETTINGS - {"language", "idle_lock_seconds"}


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.language = "en"  # type: ignore[misc]


# --- reading the file -------------------------------------------------------------------------


def test_file_then_environment(tmp_path: Path) -> None:
    config_file = tmp_path / "till.toml"
    config_file.write_text(
        'data_dir = "/srv/till"\nstore_code = "KRK01"\ntill_id = "03"\nweighed_item_digits = 4\n',
        encoding="utf-8",
    )

    from_file = load_settings(config_file, environ={})
    from_env = load_settings(config_file, environ={"POS_DATA_DIR": str(tmp_path / "env")})

    assert (from_file.data_dir, from_file.store_code, from_file.till_id) == (
        Path("/srv/till"),
        "KRK01",
        "03",
    )
    assert from_file.weighed_item_digits == 4
    assert from_env.data_dir == tmp_path / "env"
    assert from_env.store_code == "KRK01"


def test_every_type_is_read_from_the_file(tmp_path: Path) -> None:
    config_file = tmp_path / "till.toml"
    config_file.write_text(
        'language = "en"\nidle_lock_seconds = 90\nweighed_price_verifier = true\n'
        'weighed_measure = "price_grosze"\nprinter = "usb:0x04b8:0x0202"\nprinter_paper_mm = 58\n'
        'scanner_suffix = "tab"\nscanner_min_length = 10\n',
        encoding="utf-8",
    )

    settings = load_settings(config_file, environ={})

    assert settings.language == "en"
    assert settings.idle_lock_seconds == 90
    assert settings.weighed_price_verifier is True
    assert settings.weighed_measure == "price_grosze"
    assert settings.printer == "usb:0x04b8:0x0202"
    assert settings.printer_paper_mm == 58
    assert (settings.scanner_suffix, settings.scanner_min_length) == ("tab", 10)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("store_code = 12\n", "store_code: expected text"),
        ('weighed_item_digits = "five"\n', "weighed_item_digits: expected a whole number"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ("store_code = \n", "not a valid TOML file"),
        ('weighed_price_verifier = "yes"\n', "weighed_price_verifier: expected true or false"),
        ("weighed_item_digits = true\n", "weighed_item_digits: expected a whole number"),
        ('printer_paper_mm = "80"\n', "printer_paper_mm: expected a whole number"),
        ("idle_lock_seconds = 10\n", "idle_lock_seconds: expected a whole number from 30 to 3600"),
        ('language = "de"\n', 'language: expected one of "pl", "en", got \'de\''),
        ("data_dir = 5\n", "data_dir: expected a folder path"),
        ('data_dir = ""\n', "data_dir: expected a folder path"),
        ('central_url = "ftp://x"\n', "central_url: expected an address like http://host:port"),
        ("idle_lock_seconds = 1.5\n", "idle_lock_seconds: expected a whole number"),
        (
            "weighed_price_verifier = true\nweighed_item_digits = 4\n",
            "weighed_price_verifier: a price check digit needs weighed_item_digits = 5",
        ),
    ],
)
def test_bad_values_are_refused_by_name(tmp_path: Path, content: str, message: str) -> None:
    config_file = tmp_path / "till.toml"
    config_file.write_text(content, encoding="utf-8")

    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(config_file, environ={})

    if "TOML" not in message:
        assert str(caught.value).startswith(f"{config_file}: ")
        assert caught.value.setting == content.partition(" =")[0]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    config_file = tmp_path / "till.toml"
    config_file.write_bytes('store_code = "Łódź"\n'.encode("cp1250"))

    with pytest.raises(ConfigError, match="not a valid TOML file"):
        load_settings(config_file, environ={})


# --- validating one value ---------------------------------------------------------------------


REFUSALS = [
    ("data_dir", "", "data_dir: expected a folder path"),
    ("data_dir", "   ", "data_dir: expected a folder path"),
    ("data_dir", "/srv/\x00", "data_dir: expected a folder path"),
    ("store_code", "", "store_code: expected 1 to 16 letters or digits"),
    ("store_code", "WAW-01", "store_code: expected 1 to 16 letters or digits"),
    ("store_code", "A" * 17, "store_code: expected 1 to 16 letters or digits"),
    ("till_id", "1", "till_id: expected two digits"),
    ("till_id", "A1", "till_id: expected two digits"),
    ("till_id", "001", "till_id: expected two digits"),
    ("central_url", "ftp://central:8765", "central_url: expected an address like"),
    ("central_url", "central:8765", "central_url: expected an address like"),
    ("central_url", "http://", "central_url: expected an address like"),
    ("central_url", "http://central/api", "central_url: expected an address like"),
    ("central_url", "http://central/", "central_url: expected an address like"),
    ("central_url", "http://central:99999", "central_url: expected .*port is 1-65535"),
    ("central_url", "http://central:0", "central_url: expected an address like"),
    ("central_url", "http://central:", "central_url: expected an address like"),
    ("central_url", "http://user:pw@central", "central_url: expected an address like"),
    ("central_url", "http://central?x=1", "central_url: expected an address like"),
    ("central_url", "http://bad host", "central_url: expected an address like"),
    ("central_url", "http://-bad.pl", "central_url: expected an address like"),
    ("language", "de", 'language: expected one of "pl", "en"'),
    ("idle_lock_seconds", "29", "idle_lock_seconds: expected a whole number from 30 to 3600"),
    ("idle_lock_seconds", 3601, "idle_lock_seconds: expected a whole number from 30 to 3600"),
    ("idle_lock_seconds", "5 min", "idle_lock_seconds: expected a whole number from 30"),
    ("idle_lock_seconds", "1.5", "idle_lock_seconds: expected a whole number from 30"),
    ("idle_lock_seconds", True, "idle_lock_seconds: expected a whole number"),
    ("weighed_prefixes", "29-20", "weighed_prefixes: the range '29-20' runs backwards"),
    ("weighed_prefixes", "2x", "weighed_prefixes: '2x' is not a prefix"),
    ("weighed_prefixes", "", "weighed_prefixes: '' is not a prefix"),
    ("weighed_prefixes", "21,", "weighed_prefixes: '' is not a prefix"),
    ("weighed_prefixes", "59", "weighed_prefixes: 59 in '59' is not an in-store"),
    ("weighed_prefixes", "18-21", "weighed_prefixes: 18, 19 in '18-21' is not an"),
    ("weighed_prefixes", "２１", "weighed_prefixes: '２１' is not a prefix"),
    ("weighed_item_digits", 2, "weighed_item_digits: expected a whole number from 3 to 6"),
    ("weighed_item_digits", "7", "weighed_item_digits: expected a whole number from 3 to 6"),
    ("weighed_measure", "kilograms", 'weighed_measure: expected one of "weight_grams"'),
    ("weighed_price_verifier", "maybe", "weighed_price_verifier: expected true or false"),
    ("weighed_price_verifier", 1, "weighed_price_verifier: expected true or false"),
    ("printer", "lpt:1", "printer: expected one of none .*; dummy .*; tcp://HOST"),
    ("printer", "epson", "printer: expected one of none"),
    ("printer", "usb:04b8", "printer: expected one of none"),
    ("printer", "usb:0x04b8:0xZZ", "printer: expected one of none"),
    ("printer", "tcp://bad host:9100", "printer: expected one of none"),
    ("printer", "tcp://10.0.0.1:0", "printer: expected one of none"),
    ("printer", "tcp://10.0.0.1:99999", "printer: expected one of none"),
    ("printer", "network:bad host:9100", "printer: expected one of none"),
    ("printer", "network:10.0.0.1:0", "printer: expected one of none"),
    ("printer", "network:10.0.0.1:port", "printer: expected one of none"),
    ("printer", "serial:/dev/ttyS0:12345", "printer: expected a serial speed of 1200"),
    ("printer", "serial:/dev/ttyS0@12345", "printer: expected a serial speed of 1200"),
    ("printer", "serial:", "printer: expected one of none"),
    ("printer", "file:", "printer: expected one of none"),
    ("printer", "file:   ", "printer: expected one of none"),
    ("printer", "cups:my printer", "printer: expected one of none"),
    ("printer", "cups:", "printer: expected one of none"),
    ("printer", "none:", "printer: expected one of none"),
    ("printer_profile", "TM-T1000", "printer_profile: expected a printer profile python-escpos"),
    ("printer_profile", "", "printer_profile: expected a printer profile python-escpos"),
    ("printer_paper_mm", "76", "printer_paper_mm: expected one of 58, 80, got 76"),
    ("printer_codepage", "utf8", 'printer_codepage: expected one of "cp852", "wpc1250"'),
    ("scanner_suffix", "space", 'scanner_suffix: expected one of "enter", "tab", "none"'),
    ("scanner_prefix", "# #", "scanner_prefix: expected up to 8 characters without spaces"),
    ("scanner_prefix", "\x02", "scanner_prefix: expected up to 8 characters without spaces"),
    ("scanner_prefix", "#" * 9, "scanner_prefix: expected up to 8 characters without spaces"),
    ("scanner_max_gap_ms", "9", "scanner_max_gap_ms: expected a whole number from 10 to 80"),
    ("scanner_max_gap_ms", 81, "scanner_max_gap_ms: expected a whole number from 10 to 80"),
    ("serial_scanner_port", "/dev/tty\x00", "serial_scanner_port: expected a port like"),
    ("serial_scanner_speed", "12345", "serial_scanner_speed: expected a serial speed of 1200"),
    ("serial_scanner_speed", 300, "serial_scanner_speed: expected a whole number from 1200"),
    ("decoder_engine", "tesseract", 'decoder_engine: expected one of "zxing", "zbar", "both"'),
    ("scanner_min_length", 3, "scanner_min_length: expected a whole number from 4 to 64"),
    ("scanner_min_length", "65", "scanner_min_length: expected a whole number from 4 to 64"),
    ("store_code", 12, "store_code: expected text"),
    ("data_dir", "/srv/\udcff", "data_dir: expected a folder path that UTF-8 can hold"),
]
"""(setting, a bad value typed or of the setting's type, the start of the message)."""


@pytest.mark.parametrize(("name", "value", "message"), REFUSALS)
def test_validate_value_refuses_by_name(name: str, value: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        validate_value(name, value)

    assert caught.value.setting == name


def test_every_setting_has_a_refusal_test() -> None:
    assert {name for name, _, _ in REFUSALS} == ALL_SETTINGS


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("data_dir", " /srv/till ", Path("/srv/till")),
        ("data_dir", "~/till", Path.home() / "till"),
        ("data_dir", Path("/srv/kasa"), Path("/srv/kasa")),
        ("store_code", " KRK01 ", "KRK01"),
        ("till_id", "12", "12"),
        ("central_url", "https://central.example.pl", "https://central.example.pl"),
        ("central_url", "http://10.0.0.5:80", "http://10.0.0.5:80"),
        ("central_url", "http://[::1]:8765", "http://[::1]:8765"),
        ("central_url", "http://localhost:65535", "http://localhost:65535"),
        ("language", "en", "en"),
        ("idle_lock_seconds", " 600 ", 600),
        ("idle_lock_seconds", "30", 30),
        ("idle_lock_seconds", 3600, 3600),
        ("weighed_prefixes", "21, 22,28", "21, 22,28"),
        ("weighed_prefixes", "02,04,20-29", "02,04,20-29"),
        ("weighed_item_digits", "3", 3),
        ("weighed_item_digits", 6, 6),
        ("weighed_measure", "price_grosze", "price_grosze"),
        ("weighed_price_verifier", "tak", True),
        ("weighed_price_verifier", "No", False),
        ("weighed_price_verifier", True, True),
        ("printer", "none", "none"),
        ("printer", "usb:0x04b8:0x0202", "usb:0x04b8:0x0202"),
        ("printer", "usb:04b8:202", "usb:04b8:202"),
        ("printer", "serial:/dev/ttyUSB0:19200", "serial:/dev/ttyUSB0:19200"),
        ("printer", "serial:/dev/ttyUSB0@19200", "serial:/dev/ttyUSB0@19200"),
        ("printer", "tcp://192.168.1.50:9100", "tcp://192.168.1.50:9100"),
        ("printer", "tcp://[::1]", "tcp://[::1]"),
        ("printer", "dummy", "dummy"),
        ("printer", "/dev/usb/lp0", "/dev/usb/lp0"),
        ("printer", "serial:COM3", "serial:COM3"),
        ("printer", "network:192.168.1.50:9100", "network:192.168.1.50:9100"),
        ("printer", "network:drukarka.sklep.local", "network:drukarka.sklep.local"),
        ("printer", "file:/dev/usb/lp0", "file:/dev/usb/lp0"),
        ("printer", "cups:TM-T20", "cups:TM-T20"),
        ("printer_paper_mm", "58", 58),
        ("printer_paper_mm", 80, 80),
        ("printer_codepage", "wpc1250", "wpc1250"),
        ("scanner_suffix", "tab", "tab"),
        ("scanner_min_length", "4", 4),
        ("scanner_min_length", 64, 64),
        ("printer_profile", "POS-5890", "POS-5890"),
        ("scanner_suffix", "none", "none"),
        ("scanner_prefix", " ]C ", "]C"),
        ("scanner_prefix", "", ""),
        ("scanner_max_gap_ms", "10", 10),
        ("serial_scanner_port", " COM3 ", "COM3"),
        ("serial_scanner_port", "", ""),
        ("serial_scanner_speed", "115200", 115200),
        ("decoder_engine", "both", "both"),
    ],
)
def test_validate_value_accepts_text_or_typed_values(name: str, value: Any, expected: Any) -> None:
    assert validate_value(name, value) == expected


def test_validate_value_of_an_unknown_setting() -> None:
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        validate_value("colour", "red")
    with pytest.raises(ConfigError, match="unknown setting"):
        declaration("colour")


def test_settings_check_their_values_when_made() -> None:
    with pytest.raises(ConfigError, match="central_url: expected"):
        Settings(central_url="central")
    with pytest.raises(ConfigError, match="data_dir: expected a folder path"):
        Settings(data_dir="/srv/till")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="weighed_price_verifier: a price check digit"):
        Settings(weighed_price_verifier=True, weighed_item_digits=6)


def test_settings_with() -> None:
    changed = settings_with(Settings(), idle_lock_seconds="600", language="en")

    assert (changed.idle_lock_seconds, changed.language) == (600, "en")
    assert changed.store_code == Settings().store_code
    assert settings_with(Settings(), weighed_price_verifier=True).weighed_price_verifier
    with pytest.raises(ConfigError, match="idle_lock_seconds: expected"):
        settings_with(Settings(), idle_lock_seconds="5")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        settings_with(Settings(), colour="red")
    with pytest.raises(ConfigError, match="weighed_price_verifier: a price check digit"):
        settings_with(Settings(), weighed_price_verifier=True, weighed_item_digits=4)


def test_weighed_prefixes() -> None:
    assert parse_prefixes("20-29") == frozenset(str(n) for n in range(20, 30))
    assert parse_prefixes("21, 28") == frozenset({"21", "28"})
    assert parse_prefixes("02,04") == frozenset({"02", "04"})
    with pytest.raises(ConfigError, match="backwards"):
        parse_prefixes("29-20")
    with pytest.raises(ConfigError, match="not a prefix"):
        parse_prefixes("2x")
    with pytest.raises(ConfigError, match="weighed_prefixes: 59 in '59' is not an in-store prefix"):
        parse_prefixes("21,59")


# --- writing the file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("C:\\Kasa\\dane", '"C:\\\\Kasa\\\\dane"'),
        ("a\nb\tc\rd", '"a\\nb\\tc\\rd"'),
        ("\b\f", '"\\b\\f"'),
        ("\x00\x01\x1f\x7f", '"\\u0000\\u0001\\u001F\\u007F"'),
        ("Żółć gęślą jaźń", '"Żółć gęślą jaźń"'),
        ("'single' #hash", "\"'single' #hash\""),
        ("", '""'),
    ],
)
def test_toml_string_escaping(text: str, written: str) -> None:
    assert toml_string(text) == written
    assert tomllib.loads(f"x = {written}")["x"] == text


@given(st.text())
def test_any_text_survives_the_writer(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}\n")["x"] == text


def test_toml_values_of_every_type() -> None:
    assert toml_value(True) == "true"
    assert toml_value(False) == "false"
    assert toml_value(300) == "300"
    assert toml_value(-5) == "-5"
    assert toml_value(Path("/srv/kasa")) == '"/srv/kasa"'
    with pytest.raises(TypeError):
        toml_value(1.5)


def test_the_file_is_readable_with_each_setting_under_its_help(tmp_path: Path) -> None:
    path = tmp_path / "till.toml"
    save_settings(CHANGED, path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()

    for each in declarations():
        [index] = [i for i, line in enumerate(lines) if line.startswith(f"{each.name} = ")]
        comment: list[str] = []
        for line in reversed(lines[:index]):
            if not line.startswith("# ") or line.startswith("# -----"):
                break
            comment.insert(0, line[2:])
        assert " ".join(comment).startswith(each.setting.help.source)
    assert all(len(line) <= 100 for line in lines)
    assert "# ----- Printer -----" in lines
    assert 'data_dir = "/srv/kasa/Łódź"' in lines
    assert "weighed_price_verifier = true" in lines
    assert "printer_paper_mm = 58" in lines
    assert "Łódź".encode() in path.read_bytes()
    assert "Expected: a whole number from 30 to 3600." in text.replace("\n# ", " ")


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "till.toml"

    save_settings(Settings(), path)
    assert load_settings(path, environ={}) == Settings()

    save_settings(CHANGED, path)
    assert load_settings(path, environ={}) == CHANGED
    assert settings_toml(load_settings(path, environ={})) == path.read_text(encoding="utf-8")


@examples(deadline=None, max_examples=50)  # each example writes and fsyncs a file
@given(st.text())
def test_round_trip_of_any_folder_name(name: str) -> None:
    settings = Settings(data_dir=Path("/srv") / name.replace("\x00", ""))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "till.toml"
        save_settings(settings, path)

        assert load_settings(path, environ={}) == settings


def test_saving_makes_the_folder_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "pos-till" / "till.toml"

    save_settings(CHANGED, path)
    save_settings(Settings(), path)

    assert os.listdir(path.parent) == ["till.toml"]
    assert load_settings(path, environ={}) == Settings()


def test_the_data_is_on_disk_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "till.toml"
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        calls.append("fsync")
        real_fsync(descriptor)

    def replace(source: str, target: Path) -> None:
        assert Path(source).parent == path.parent
        assert Path(source).read_text(encoding="utf-8") == settings_toml(CHANGED)
        calls.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    save_settings(CHANGED, path)

    assert calls[:2] == ["fsync", "replace"]
    assert calls == ["fsync", "replace", "fsync"] or os.name != "posix"


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "till.toml"
    save_settings(Settings(), path)
    before = path.read_bytes()

    def power_cut(source: str, target: Path) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="power cut"):
        save_settings(CHANGED, path)

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["till.toml"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saving_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "till.toml"
    save_settings(Settings(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644

    path.chmod(0o600)
    save_settings(CHANGED, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- the in-store barcode layout --------------------------------------------------------------


def test_variable_measure_layout_defaults() -> None:
    layout = variable_measure_layout(Settings())

    assert layout.prefixes == frozenset(f"{n}" for n in range(20, 30))
    assert (layout.item_digits, layout.value_digits) == (5, 5)
    assert layout.kind is MeasureKind.WEIGHT_GRAMS
    assert layout.price_verifier is False


def test_variable_measure_layout_with_fewer_item_digits() -> None:
    layout = variable_measure_layout(Settings(weighed_item_digits=4, weighed_prefixes="21"))
    code = with_check_digit("210042012345")  # item 0042, 12,345 kg

    assert (layout.item_digits, layout.value_digits) == (4, 6)
    measure = parse_product_code(code, layout).measure
    assert measure is not None
    assert measure.value == 12345
    assert measure.lookup_code == with_check_digit("210042000000")


def test_variable_measure_layout_with_prices_and_a_verifier() -> None:
    settings = Settings(weighed_measure="price_grosze", weighed_price_verifier=True)
    layout = variable_measure_layout(settings)
    code = with_check_digit("231234592875")  # item 12345, verifier 9, 28,75 zł

    assert (layout.item_digits, layout.value_digits, layout.price_verifier) == (5, 4, True)
    measure = parse_product_code(code, layout).measure
    assert measure is not None
    assert (measure.kind, measure.value) == (MeasureKind.PRICE_GROSZE, 2875)


@pytest.mark.parametrize("digits", [3, 4, 5, 6])
def test_every_allowed_item_digit_count_makes_a_layout(digits: int) -> None:
    layout = variable_measure_layout(Settings(weighed_item_digits=digits))

    assert 2 + layout.item_digits + layout.value_digits + 1 == 13


# --- the hardware's settings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "connection"),
    [
        ("none", NoPrinter()),
        ("dummy", DummyPrinter()),
        ("tcp://192.168.1.50:9100", NetworkPrinter("192.168.1.50", 9100)),
        ("tcp://drukarka.sklep.local", NetworkPrinter("drukarka.sklep.local", 9100)),
        ("network:192.168.1.50:9101", NetworkPrinter("192.168.1.50", 9101)),
        ("network:drukarka.sklep.local", NetworkPrinter("drukarka.sklep.local", 9100)),
        ("usb:04b8:0202", UsbPrinter(0x04B8, 0x0202)),
        ("usb:0x04b8:0x0202:in=0x81:out=0x02", UsbPrinter(0x04B8, 0x0202, 0x81, 0x02)),
        ("serial:/dev/ttyUSB0@19200", SerialPrinter("/dev/ttyUSB0", 19200)),
        ("serial:/dev/ttyUSB0:19200", SerialPrinter("/dev/ttyUSB0", 19200)),
        ("serial:COM3", SerialPrinter("COM3", 9600)),
        ("file:/dev/usb/lp0", DevicePrinter("/dev/usb/lp0")),
        ("cups:TM-T20", CupsQueue("TM-T20")),
    ],
)
def test_the_printer_setting_is_a_connection_of_the_hardware(
    address: str, connection: Connection
) -> None:
    """Hardware's forms, and the earlier versions' network:HOST:PORT and serial:DEVICE:BAUD."""
    assert printer_config(Settings(printer=address)).connection == connection


def test_the_printer_config_carries_profile_paper_and_code_page() -> None:
    config = printer_config(CHANGED)

    assert config.connection == NetworkPrinter("192.168.1.50", 9100)
    assert config.escpos.profile == "TM-T20II"
    assert config.escpos.paper is PaperWidth.MM58
    assert config.escpos.code_page is CodePage.CP1250
    assert printer_config(Settings()).escpos.code_page is CodePage.CP852


def test_every_code_page_choice_is_a_code_page_of_the_printer() -> None:
    choices = {value for value, _ in declaration("printer_codepage").setting.choices}

    assert choices == set(CODE_PAGES)
    assert set(CODE_PAGES.values()) == set(CodePage)


def test_every_decoder_choice_is_an_engine() -> None:
    choices = {value for value, _ in declaration("decoder_engine").setting.choices}

    assert choices == set(DECODER_ENGINES)
    assert set(DECODER_ENGINES.values()) == set(Engine)
    assert DECODER_ENGINES[Settings().decoder_engine] is DEFAULT_ENGINE


def test_the_wedge_scanner_settings() -> None:
    default = wedge_settings(Settings())
    changed = wedge_settings(CHANGED)
    no_suffix = wedge_settings(Settings(scanner_suffix="none", scanner_max_gap_ms=70))

    assert (default.suffixes, default.prefix, default.min_length) == (("\r",), "", 8)
    assert (default.max_gap_ms, default.hold_ms) == (40, 60)
    assert (changed.suffixes, changed.prefix, changed.min_length) == (("\t",), "#", 12)
    assert (no_suffix.suffixes, no_suffix.max_gap_ms, no_suffix.hold_ms) == ((), 70, 90)


def test_the_serial_scanner_settings() -> None:
    assert serial_scanner_settings(Settings()) is None
    serial = serial_scanner_settings(CHANGED)
    assert serial is not None
    assert (serial.port, serial.baudrate) == ("/dev/serial/by-id/usb-Datalogic-if00", 115200)
