"""The benchmark: the app against a bare python-socketio server, under eventlet, gevent and threading.

    .venv/bin/python bench/run.py                 # 100 meetings x 25 devices, 30 s per server
    .venv/bin/python bench/run.py --quick         # 5 meetings x 25 devices, 5 s: a smoke test
    .venv/bin/python bench/run.py --modes eventlet --duration 60 --profile

Everything runs on 127.0.0.1 and stops by itself. For each async mode it seeds the meetings into a
fresh SQLite file (or the --database-url PostgreSQL database), starts `python app.py`, connects the
devices from separate load-generator processes, lets each meeting send one command a second for the
duration, then measures a catch-up of a device 1,000 revisions behind; then it does the same against
bench/baseline_server.py. It prints acks per second, fan-out latency p50/p95/p99, lost commands,
server CPU and RSS, the load generators' CPU, and app/baseline ratios, side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


class Sampler(threading.Thread):
    """CPU and RSS of a process tree over a window."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.procs = [psutil.Process(p) for p in pids]
        self.peak_rss = 0
        self.stop_event = threading.Event()

    def cpu(self) -> float:
        total = 0.0
        for p in self.procs:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return total

    def rss(self) -> int:
        total = 0
        for p in self.procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    @staticmethod
    def busy() -> float:
        t = psutil.cpu_times()
        return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0)

    @staticmethod
    def steal() -> float:
        # Time the hypervisor gave this VM's vCPUs to someone else: the same code measures slower
        # from run to run on a shared host, and this says when that happened.
        return getattr(psutil.cpu_times(), "steal", 0.0)

    def begin(self) -> None:
        self.t0, self.c0, self.b0, self.s0 = time.monotonic(), self.cpu(), self.busy(), self.steal()
        self.start()

    def run(self) -> None:
        while not self.stop_event.wait(0.5):
            self.peak_rss = max(self.peak_rss, self.rss())

    def end(self) -> dict:
        self.stop_event.set()
        wall, cpu = time.monotonic() - self.t0, self.cpu() - self.c0
        self.peak_rss = max(self.peak_rss, self.rss())
        busy = self.busy() - self.b0
        return {
            "cpu_pct": 100 * cpu / wall,
            "rss_mb": self.peak_rss / 2**20,
            "machine_busy_pct": 100 * busy / wall,
            "steal_pct": 100 * (self.steal() - self.s0) / wall,
        }


NICE = 0  # --nice: run the servers and load generators at this priority (a shared machine)


def _niced() -> None:
    # Runs in the child, after setsid(). With the kernel's autogroup scheduling each session is
    # weighted as a whole by its autogroup's nice value, so set that too, not only the process's.
    if NICE:
        os.nice(NICE)
        try:
            Path("/proc/self/autogroup").write_text(str(NICE))
        except OSError:
            pass


def start_server(kind: str, mode: str, port: int, workdir: Path, env_extra: dict) -> subprocess.Popen:
    log = open(workdir / f"{kind}-{mode}.log", "w")  # noqa: SIM115 - closed with the process
    env = {
        **os.environ,
        **env_extra,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "ECP_ASYNC_MODE": mode,
        "ECP_DEMO": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if kind == "app":
        cmd = [PYTHON, str(ROOT / "app.py")]
    else:
        cmd = [PYTHON, str(ROOT / "bench" / "baseline_server.py"), "--mode", mode, "--port", str(port)]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_niced,
    )
    wait_port(port, proc)
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def profile_server(pid: int, seconds: float, out: Path) -> subprocess.Popen | None:
    """py-spy the server: a collapsed-stack file (flamegraph.pl or speedscope read it)."""
    spy = shutil.which("py-spy") or str(Path(PYTHON).parent / "py-spy")
    if not Path(spy).exists():
        print("  (py-spy not installed: pip install py-spy)")
        return None
    return subprocess.Popen(
        [
            spy,
            "record",
            "-p",
            str(pid),
            "-d",
            str(int(seconds)),
            "-r",
            "250",
            "-f",
            "raw",
            "-o",
            str(out),
            "--nonblocking",
            *(["--idle"] if os.environ.get("PYSPY_IDLE") else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_load(url: str, plans: list[dict], server: subprocess.Popen, args, label: str, workdir: Path) -> dict:
    """Connect the devices from the load generators, run the fixed-rate load, gather the figures."""
    shares = [plans[i :: args.clients] for i in range(args.clients)]
    offsets_all = {p["id"]: i / len(plans) / args.rate for i, p in enumerate(plans)}
    gens = []
    for share in shares:
        if not share:
            continue
        proc = subprocess.Popen(
            [PYTHON, str(ROOT / "bench" / "loadgen.py")],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(workdir / f"loadgen-{label}.log", "a"),
            text=True,
            start_new_session=True,
            preexec_fn=_niced,
        )
        job = {
            "url": url,
            "meetings": share,
            "duration": args.duration,
            "rate": args.rate,
            "drain": args.drain,
            "connect_concurrency": 25,
            "offsets": [offsets_all[p["id"]] for p in share],
        }
        proc.stdin.write(json.dumps(job) + "\n")
        proc.stdin.flush()
        gens.append(proc)
    t_connect = time.monotonic()
    ready = [json.loads(g.stdout.readline() or "{}") for g in gens]
    if any(r.get("event") != "ready" for r in ready):
        for g in gens:
            g.kill()
        raise RuntimeError(f"load generators failed to connect: {ready} (see {workdir})")
    connect_s = time.monotonic() - t_connect
    time.sleep(2)  # let presence broadcasts of the connection storm settle
    server_sampler = Sampler([server.pid])
    client_sampler = Sampler([g.pid for g in gens])
    start = time.monotonic() + 0.5
    spy = None
    if args.profile and label.startswith("app"):
        spy = profile_server(server.pid, args.duration, workdir / f"profile-{label}.txt")
    for g in gens:
        g.stdin.write(json.dumps({"start": start}) + "\n")
        g.stdin.flush()
    server_sampler.begin()
    client_sampler.begin()
    time.sleep(max(0.0, start - time.monotonic()) + args.duration)
    srv, cli = server_sampler.end(), client_sampler.end()
    done = [json.loads(g.stdout.readline() or "{}") for g in gens]
    for g in gens:
        g.stdin.close()
        try:
            g.wait(30)
        except subprocess.TimeoutExpired:
            g.kill()
    if spy is not None:
        spy.wait(30)
    latencies = [x for d in done for x in d.get("latencies", [])]
    timeline = sorted(t for d in done for t in d.get("timeline", []))
    (workdir / f"timeline-{label}.json").write_text(json.dumps(timeline))
    acked = sum(d.get("acked", 0) for d in done)
    return {
        "sockets": sum(r["sockets"] for r in ready),
        "connect_s": connect_s,
        "sent": sum(d.get("sent", 0) for d in done),
        "acked": acked,
        "acks_per_s": acked / args.duration,
        "errors": sum(d.get("error_count", 0) for d in done),
        "error_samples": [e for d in done for e in d.get("errors", [])][:5],
        "undelivered": sum(d.get("lost_count", 0) for d in done),
        "acked_ids": [tuple(a) for d in done for a in d.get("acked_ids", [])],
        "undelivered_samples": [e for d in done for e in d.get("lost", [])][:5],
        "gaps": sum(d.get("gaps", 0) for d in done),
        "p50_ms": 1000 * (percentile(latencies, 50) or 0),
        "p95_ms": 1000 * (percentile(latencies, 95) or 0),
        "p99_ms": 1000 * (percentile(latencies, 99) or 0),
        "max_ms": 1000 * (max(latencies) if latencies else 0),
        "server_cpu_pct": srv["cpu_pct"],
        "server_rss_mb": srv["rss_mb"],
        "loadgen_cpu_pct": cli["cpu_pct"],
        "loadgen_procs": len(gens),
        # CPU used on the machine by anything else than this server and its load generators.
        "other_cpu_pct": max(0.0, srv["machine_busy_pct"] - srv["cpu_pct"] - cli["cpu_pct"]),
        "steal_pct": srv["steal_pct"],
        "server_cpu_ms_per_command": 10 * srv["cpu_pct"] * args.duration / max(1, acked),
    }


async def measure_catch_up(url: str, plan: dict, repeats: int) -> dict:
    """A device that is 1,000 revisions behind asks for the state: round-trip time of catch_up."""
    import socketio

    out = {}
    for audience in ("practitioners", "family"):
        device = next(d for d in plan["devices"] if d["audience"] == audience and d["role"] != "chair")
        sio = socketio.AsyncClient(reconnection=False)
        await sio.connect(
            url,
            headers={"Cookie": device["cookie"]},
            auth={"meeting": plan["id"]},
            transports=["websocket"],
            wait_timeout=30,
        )
        times, size, revision = [], 0, None
        for _ in range(repeats):
            t0 = time.perf_counter()
            ack = await sio.call("catch_up", {}, timeout=30)
            times.append(time.perf_counter() - t0)
            if not ack.get("ok"):
                raise RuntimeError(f"catch_up refused: {ack}")
            revision = ack["state"]["revision"]
            size = len(json.dumps(ack["state"]))
        await sio.disconnect()
        out[audience] = {
            "revision": revision,
            "bytes": size,
            "median_ms": 1000 * statistics.median(times),
            "max_ms": 1000 * max(times),
        }
    return out


def seed_template(args, workdir: Path, secret: str) -> tuple[Path | None, dict]:
    from bench.seed import seed

    t0 = time.monotonic()
    if args.database_url:
        plan = seed(args.database_url, workdir, secret, args.meetings, args.catch_up)
        path = None
    else:
        path = workdir / "template.db"
        plan = seed(f"sqlite:///{path}", workdir, secret, args.meetings, args.catch_up)
    print(
        f"seeded {args.meetings} meetings x {len(plan['meetings'][0]['devices'])} devices "
        f"(+1 of {args.catch_up} revisions) in {time.monotonic() - t0:.1f} s",
        flush=True,
    )
    return path, plan


def run_mode(mode: str, args, workdir: Path, template: Path | None, plan: dict, secret: str) -> dict:
    results = {}
    instance = workdir / mode
    instance.mkdir(exist_ok=True)
    env = {"SECRET_KEY": secret, "ECP_INSTANCE_DIR": str(instance)}
    if template is not None:
        shutil.copy(template, instance / "ecp.db")
        env["DATABASE_URL"] = f"sqlite:///{instance / 'ecp.db'}"
    else:
        env["DATABASE_URL"] = args.database_url
    for kind in ("app", "baseline"):
        if kind == "baseline" and args.no_baseline:
            continue
        port = free_port()
        print(f"[{mode}] {kind}: starting on port {port}", flush=True)
        server = start_server(kind, mode, port, workdir, env)
        try:
            url = f"http://127.0.0.1:{port}"
            r = run_load(url, plan["meetings"], server, args, f"{kind}-{mode}", workdir)
            acked = r.pop("acked_ids")
            r["lost"] = lost_in_database(env["DATABASE_URL"], acked) if kind == "app" else "-"
            results[kind] = r
            print(f"[{mode}] {kind}: {fmt_short(r)}", flush=True)
            if kind == "app" and plan["catch_up"]:
                try:
                    measure = measure_catch_up(url, plan["catch_up"], args.catch_up_repeats)
                    r["catch_up"] = asyncio.run(measure)
                    print(f"[{mode}] catch-up: {r['catch_up']}", flush=True)
                except Exception as error:  # noqa: BLE001 - report it in the table, go on
                    print(f"[{mode}] catch-up failed: {error!r}", flush=True)
        finally:
            stop(server)
    return results


def lost_in_database(url: str, acked: list[tuple]) -> int:
    """Acknowledged commands that are not in the audit log with the revision they were acked with."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT meeting_id, command_id, revision FROM audit_entries WHERE command_id LIKE 'b%'")
        ).all()
    engine.dispose()
    stored = {(m, c): r for m, c, r in rows}
    return sum(1 for m, c, r in acked if stored.get((m, c)) != r)


def fmt_short(r: dict) -> str:
    return (
        f"{r['acks_per_s']:.1f} acks/s, p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
        f"p99 {r['p99_ms']:.1f} ms, lost {r['lost']}, undelivered {r['undelivered']}, "
        f"errors {r['errors']}, "
        f"gaps {r['gaps']}, "
        f"server CPU {r['server_cpu_pct']:.0f} %, RSS {r['server_rss_mb']:.0f} MB, "
        f"load generators CPU {r['loadgen_cpu_pct']:.0f} %, other processes {r['other_cpu_pct']:.0f} %, "
        f"stolen by the host {r['steal_pct']:.0f} %"
    )


def table(all_results: dict, args) -> str:
    modes = list(all_results)
    rows = [
        ("sockets", lambda r: f"{r['sockets']}"),
        ("connect all (s)", lambda r: f"{r['connect_s']:.1f}"),
        ("commands sent", lambda r: f"{r['sent']}"),
        ("acks / s", lambda r: f"{r['acks_per_s']:.1f}"),
        ("fan-out p50 (ms)", lambda r: f"{r['p50_ms']:.1f}"),
        ("fan-out p95 (ms)", lambda r: f"{r['p95_ms']:.1f}"),
        ("fan-out p99 (ms)", lambda r: f"{r['p99_ms']:.1f}"),
        ("fan-out max (ms)", lambda r: f"{r['max_ms']:.1f}"),
        ("acked but lost", lambda r: f"{r['lost']}"),
        ("acked, undelivered", lambda r: f"{r['undelivered']}"),
        ("errors / gaps", lambda r: f"{r['errors']} / {r['gaps']}"),
        ("server CPU (%)", lambda r: f"{r['server_cpu_pct']:.0f}"),
        ("server RSS (MB)", lambda r: f"{r['server_rss_mb']:.0f}"),
        ("server CPU/cmd (ms)", lambda r: f"{r['server_cpu_ms_per_command']:.1f}"),
        ("load gen CPU (%)", lambda r: f"{r['loadgen_cpu_pct']:.0f} ({r['loadgen_procs']} procs)"),
        ("other procs CPU (%)", lambda r: f"{r['other_cpu_pct']:.0f}"),
        ("host steal (% of a vCPU)", lambda r: f"{r.get('steal_pct', 0):.0f}"),
    ]
    head = ["", *[f"{m} app" for m in modes], *([f"{m} base" for m in modes] if not args.no_baseline else [])]
    lines = [head]
    for name, f in rows:
        line = [name]
        for kind in ("app", "baseline"):
            for m in modes:
                if kind in all_results[m]:
                    line.append(f(all_results[m][kind]))
        lines.append(line)
    if not args.no_baseline:
        for key in ("p50_ms", "p99_ms", "server_cpu_pct"):
            line = [f"app/base {key.split('_')[0]}"]
            for m in modes:
                a, b = all_results[m]["app"][key], all_results[m]["baseline"][key]
                line.append(f"{a / b:.2f}" if b else "-")
            lines.append(line)
    for audience in ("practitioners", "family"):
        line = [f"catch-up {audience[:6]} (ms)"]
        for m in modes:
            c = all_results[m]["app"].get("catch_up", {}).get(audience)
            line.append(f"{c['median_ms']:.1f} / max {c['max_ms']:.1f}" if c else "-")
        lines.append(line)
    widths = [max(len(str(row[i])) if i < len(row) else 0 for row in lines) for i in range(len(head))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)) for row in lines)


def machine() -> str:
    import platform

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modes", default="eventlet,gevent,threading")
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load per server")
    parser.add_argument("--rate", type=float, default=1.0, help="commands a second per meeting")
    parser.add_argument("--clients", type=int, default=2, help="load-generator processes")
    parser.add_argument("--drain", type=float, default=10.0)
    parser.add_argument("--catch-up", type=int, default=1000, help="revisions of the catch-up meeting")
    parser.add_argument("--catch-up-repeats", type=int, default=20)
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL to seed and serve (default: SQLite)"
    )
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--profile", action="store_true", help="py-spy the app server during the load")
    parser.add_argument("--quick", action="store_true", help="5 meetings x 25 devices for 5 s")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, profiles)")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="priority of servers and load generators, e.g. -10 (root), on a shared machine",
    )
    parser.add_argument("--json", default="", help="write the figures to this file")
    args = parser.parse_args()
    if args.quick:
        args.meetings, args.duration, args.clients, args.drain = 5, 5.0, 1, 5.0
        args.catch_up_repeats = 5
    if args.duration > 600 or args.meetings > 400:
        sys.exit("Bounded: at most 400 meetings and 600 s.")
    global NICE
    NICE = args.nice
    workdir = Path(tempfile.mkdtemp(prefix="ecp-bench-"))
    print(f"machine: {machine()}\nwork folder: {workdir}", flush=True)
    secret = secrets.token_hex(32)
    os.environ["SECRET_KEY"] = secret
    all_results = {}
    try:
        template, plan = seed_template(args, workdir, secret)
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            if args.database_url and mode != args.modes.split(",")[0]:
                _, plan = seed_template(args, workdir, secret)  # fresh meetings on the same database
            all_results[mode] = run_mode(mode, args, workdir, template, plan, secret)
    finally:
        if all_results:
            print(
                f"\n{args.meetings} meetings x 25 devices, {args.rate:g} command/s per meeting, "
                f"{args.duration:g} s per server; {machine()}\n"
            )
            print(table(all_results, args))
            if args.json:
                Path(args.json).write_text(
                    json.dumps({"machine": machine(), "args": vars(args), "results": all_results}, indent=2)
                )
        if args.keep or args.profile:
            print(f"\nlogs and profiles kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
