"""The way dependencies point (design brief): checked by import-linter and by a scan of imports.

- `sync` and `hardware` never import `pos_client` or Qt widgets;
- `pos_client/domain` imports neither Qt nor SQLAlchemy (nor HTTP or printer code);
- the till's layers: app > ui > services > store > domain.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contracts_config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        config: dict[str, Any] = tomllib.load(file)["tool"]["importlinter"]
    return config


def _runnable(config: dict[str, Any]) -> dict[str, Any]:
    """pyproject's import-linter contracts in the form import-linter 2 accepts.

    Each change is a no-op once pyproject.toml says it the accepted way:
    - external packages are forbidden by the domain contract, which import-linter only allows with
      `include_external_packages = true` at the top level (not in a contract);
    - import-linter knows external packages only by their top-level name, so a forbidden external
      submodule ("PySide6.QtWidgets") is left to `test_no_qt_widgets_in_sync_or_hardware` below.
    """
    roots = set(config["root_packages"])
    contracts = []
    for contract in config["contracts"]:
        contract = {k: v for k, v in contract.items() if k != "include_external_packages"}
        if "forbidden_modules" in contract:
            contract["forbidden_modules"] = [
                module
                for module in contract["forbidden_modules"]
                if module.split(".")[0] in roots or "." not in module
            ]
        contracts.append(contract)
    return {
        "root_packages": config["root_packages"],
        "include_external_packages": True,
        "contracts": contracts,
    }


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | list):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {value!r} as TOML here")


def _write_config(config: dict[str, Any], path: Path) -> None:
    lines = ["[tool.importlinter]"]
    lines += [
        f"{key} = {_toml_value(value)}" for key, value in config.items() if key != "contracts"
    ]
    for contract in config["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in contract.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_pyproject_declares_the_design_contracts() -> None:
    config = _contracts_config()
    assert set(config["root_packages"]) == {"pos_client", "sync", "hardware"}
    by_type: dict[str, list[dict[str, Any]]] = {}
    for contract in config["contracts"]:
        by_type.setdefault(contract["type"], []).append(contract)
    forbidden = {
        module: set(contract["forbidden_modules"])
        for contract in by_type["forbidden"]
        for module in contract["source_modules"]
    }
    assert "pos_client" in forbidden["sync"]
    assert "pos_client" in forbidden["hardware"]
    assert {"PySide6", "sqlalchemy"} <= forbidden["pos_client.domain"]
    (layers,) = by_type["layers"]
    assert layers["layers"][-3:] == ["pos_client.services", "pos_client.store", "pos_client.domain"]


def test_import_contracts_are_kept(tmp_path: Path) -> None:
    config_path = tmp_path / "importlinter.toml"
    _write_config(_runnable(_contracts_config()), config_path)
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config_path), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for contract in _contracts_config()["contracts"]:
        assert f"{contract['name']} KEPT" in output, output
    assert "BROKEN" not in output


def _python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports (with `from a import b` also giving "a.b"), at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _offending(folders: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in _python_files(*folders):
        for line, module in _imports(path):
            if any(module == name or module.startswith(f"{name}.") for name in forbidden):
                found.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    return found


def test_the_scan_sees_every_kind_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import PySide6.QtWidgets\n"
        "from PySide6 import QtWidgets\n"
        "def f():\n    from PySide6.QtWidgets import QLabel\n",
        encoding="utf-8",
    )
    modules = [module for _, module in _imports(sample)]
    assert modules.count("PySide6.QtWidgets") == 3
    assert "PySide6.QtWidgets.QLabel" in modules


def test_the_folders_scanned_exist() -> None:
    for folder in ("pos_client/domain", "hardware", "sync"):
        assert list(_python_files(folder)), folder


def test_domain_imports_no_qt_sql_http_or_printer() -> None:
    forbidden = ("PySide6", "sqlalchemy", "alembic", "httpx", "escpos", "pos_client.store")
    assert _offending(("pos_client/domain",), forbidden) == []


@pytest.mark.parametrize("folder", ["sync", "hardware"])
def test_no_qt_widgets_or_till_app_in_sync_or_hardware(folder: str) -> None:
    forbidden = ("PySide6.QtWidgets", "PyQt6", "pos_client")
    assert _offending((folder,), forbidden) == []
