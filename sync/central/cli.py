"""`pos-central`: the central service's command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pos-central", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    if args.command == "serve":
        import uvicorn

        from sync.central.api import create_app

        uvicorn.run(create_app(), host=args.host, port=args.port, log_level=args.log_level)
    return 0
