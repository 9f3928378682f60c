"""Instructions per command, counted by valgrind: a figure that holds on a busy, shared machine.

    .venv/bin/python bench/instructions.py                 # ~5 minutes: two runs of bench/micro.py
    .venv/bin/python bench/instructions.py --commands 400  # more commands, a steadier figure

CPU time on a 2-vCPU virtual machine depends on what runs on the other vCPU (they can share a
core); callgrind counts the instructions executed instead, which is repeatable whatever else the
machine does. bench/micro.py runs twice under callgrind, with no commands and with --commands N;
the difference over N is the cost of one command through the real handler (parse, permission,
operation, audit, commit, three audience patches and the ack, to 25 test clients).
"""

import argparse
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def instructions(commands: int) -> int:
    """Instructions executed by one run of bench/micro.py with that many commands."""
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={folder}/callgrind.out",
                sys.executable,
                str(ROOT / "bench" / "micro.py"),
                "--commands",
                str(commands),
                "--catch-up",
                "10",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no total:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commands", type=int, default=200)
    args = parser.parse_args()
    # The two runs side by side, one per core: instruction counts do not mind sharing.
    with ThreadPoolExecutor(2) as pool:
        base, loaded = pool.map(instructions, [0, args.commands])
    per = (loaded - base) / args.commands
    print(
        f"instructions per command: {per / 1e6:.2f} M"
        f" ({args.commands} commands; {base / 1e9:.2f} G without)"
    )


if __name__ == "__main__":
    main()
