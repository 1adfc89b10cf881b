"""Run the demo: the OneID emulator and the demo app on 127.0.0.1, until Ctrl-C.

    python -m demo.run [--emulator-port 8765] [--app-port 8000]

Both servers are child processes of this one and are stopped when it ends (Ctrl-C, SIGTERM or a crash of either).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from types import FrameType

from .servers import DEMO_CLIENT_ID, running_demo

__all__ = ["main"]


def _stop_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start both servers, print where to go, and wait."""
    parser = argparse.ArgumentParser(prog="python -m demo.run", description=__doc__.splitlines()[0])
    parser.add_argument("--emulator-port", type=int, default=8765, help="port of the OneID emulator (default 8765)")
    parser.add_argument("--app-port", type=int, default=8000, help="port of the demo app (default 8000)")
    args = parser.parse_args(argv)

    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    signal.signal(signal.SIGHUP, _stop_on_sigterm)
    try:
        with running_demo(emulator_port=args.emulator_port, app_port=args.app_port) as demo:
            print()
            print(f"  OneID emulator: {demo.sso_url} (client id {DEMO_CLIENT_ID!r})")
            print(f"  Demo app:       {demo.app_url}/")
            print()
            print(f"  Open {demo.app_url}/ in a browser and sign in with OneID. Press Ctrl-C to stop.")
            print(flush=True)
            try:
                while demo.emulator.alive() and demo.app.alive():
                    time.sleep(0.5)
            except KeyboardInterrupt:
                # A second Ctrl-C must not cut the shutdown of the servers short.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                print("\nStopping the demo.", flush=True)
                return 0
            print("A server stopped unexpectedly; stopping the demo.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 130
    except RuntimeError as exc:
        print(f"Could not start the demo: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
