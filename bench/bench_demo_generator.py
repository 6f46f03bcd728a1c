"""Time the demo chain generator on a temporary or given database file."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pos_client.demo.generator import ChainSummary, generate_chain


def _file_size(db_path: Path) -> int:
    """Bytes of the database with its WAL and shared-memory files."""
    names = (
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
    )
    return sum(path.stat().st_size for path in names if path.exists())


def _run(db_path: Path, products: int, seed: int) -> None:
    started = time.perf_counter()
    summary: ChainSummary = generate_chain(db_path, products=products, seed=seed)
    seconds = time.perf_counter() - started
    rows = summary.products + summary.barcodes + summary.prices
    print(f"products:   {summary.products:,} ({summary.weighed_products:,} weighed)")
    print(f"rows:       {rows:,} (products, barcodes, prices)")
    print(f"seconds:    {seconds:.1f}")
    print(f"products/s: {summary.products / seconds:,.0f}")
    print(f"rows/s:     {rows / seconds:,.0f}")
    print(f"file size:  {_file_size(db_path) / 1_000_000:,.1f} MB ({db_path})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    args = parser.parse_args()
    if args.db is not None:
        _run(args.db, args.products, args.seed)
        return
    with tempfile.TemporaryDirectory() as directory:
        _run(Path(directory) / "demo.db", args.products, args.seed)


if __name__ == "__main__":
    main()
