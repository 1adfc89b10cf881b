"""``python -m oneid_sdk.emulator``: run a local OneID with uvicorn.

Every option can also come from an ``ONEID_EMULATOR_*`` variable; options given on the command line win.
Prefer ``ONEID_EMULATOR_CLIENT_SECRET`` to ``--client-secret``: command lines are visible to other local users.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

import uvicorn
from pydantic import ValidationError

from .._generated.constants import SSO_PATH
from ..security.loopback import is_loopback_interface
from .config import ENV_PREFIX, EmulatorSettings

__all__ = ["main"]

logger = logging.getLogger("oneid_sdk.emulator")

_OPTIONS = {"redirect_uris": "--redirect-uri"}
"""Command-line options whose name is not the settings field's."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m oneid_sdk.emulator",
        description="A local OneID (sso.egov.uz) for development and tests. Not for production use.",
        epilog=f"Each option can also be set as {ENV_PREFIX}<OPTION> (e.g. {ENV_PREFIX}CLIENT_SECRET).",
    )
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="TCP port (default 8765)")
    parser.add_argument("--client-id", help="the registered client's id")
    parser.add_argument("--client-secret", help="the registered client's secret")
    parser.add_argument("--scope", help="the client's scope (default: the client id)")
    parser.add_argument(
        "--redirect-uri",
        dest="redirect_uris",
        action="append",
        help="a registered redirect URI (repeat for several)",
    )
    parser.add_argument("--code-ttl", type=float, help="seconds a code can be exchanged (default 60)")
    parser.add_argument("--token-ttl", type=float, help="seconds an access token works (default 3600)")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "settings"
        option = _OPTIONS.get(name, "--" + name.replace("_", "-"))
        problems.append(f"{option} ({ENV_PREFIX}{name.upper()}): {error['msg']}")
    return "; ".join(problems)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options, build the app and serve it until interrupted."""
    parser = _parser()
    args = parser.parse_args(argv)
    overrides = {key: value for key, value in vars(args).items() if key != "log_level" and value is not None}
    try:
        settings = EmulatorSettings(**overrides)
    except ValidationError as exc:
        parser.error(_describe(exc))
    try:
        app = settings.create_app()
    except ValueError as exc:
        parser.error(str(exc))

    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s:     %(name)s: %(message)s")
    if not is_loopback_interface(settings.host):
        logger.warning("Listening on %s: the emulator is reachable from other machines", settings.host)
    logger.info(
        "OneID emulator for client %r at http://%s:%d%s",
        settings.client_id,
        settings.host,
        settings.port,
        SSO_PATH,
    )
    # No access log: a client that sends its parameters in the query string would have its secret logged.
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level, access_log=False)


if __name__ == "__main__":
    main()
