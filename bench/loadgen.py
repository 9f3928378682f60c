"""One load-generator process: asyncio python-socketio clients for a share of the meetings.

Driven by bench/run.py over stdin/stdout (one JSON line each way):
  in : {"url", "meetings": [plan...], "duration", "rate", "drain", "connect_concurrency"}
  out: {"event": "ready", ...}  -> waits for a line {"start": <time.monotonic() to start at>}
  out: {"event": "done", "latencies": [...], "acked", "lost", "gaps", ...}

Each meeting sends `rate` commands a second (contributions, scale positions, focus moves), staggered
across the second so that the server sees an even load. Fan-out latency is the time from sending a
command to the moment the last of the meeting's devices has the patch with the command's revision;
every device of every audience receives a patch for every revision. The clock is time.monotonic(),
system-wide on Linux, so figures of several processes can be merged.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import sys
import time
import uuid

import socketio

ALL_LOOPBACK = ("http://127.0.0.1:", "http://localhost:")


class MeetingLoad:
    """The devices of one meeting and what they received."""

    def __init__(self, plan: dict):
        self.plan = plan
        self.id = plan["id"]
        self.devices: list[socketio.AsyncClient] = []
        self.n = len(plan["devices"])
        # revision -> [devices that have it, time the last one got it]
        self.receipts: dict[int, list] = {}
        self.sent: dict[str, float] = {}  # command id -> time sent
        self.acked: dict[str, tuple[int, float]] = {}  # command id -> (revision, time acked)
        self.errors: list[dict] = []
        self.last_revision: list[int | None] = [None] * self.n
        self.gaps = 0
        self.rng = random.Random(self.id)

    def on_patch(self, index: int, body: dict) -> None:
        now = time.monotonic()
        revision = body.get("revision")
        last = self.last_revision[index]
        if last is not None and revision != last + 1:
            self.gaps += 1
        self.last_revision[index] = revision
        entry = self.receipts.get(revision)
        if entry is None:
            self.receipts[revision] = [1, now]
        else:
            entry[0] += 1
            entry[1] = now

    def next_command(self, k: int) -> tuple[int, dict]:
        """The k-th command of this meeting and which device sends it."""
        devices = self.plan["devices"]
        silent = ("chair", "screen", "minute_taker", "observer")
        speakers = [i for i, d in enumerate(devices) if d["role"] not in silent]
        kind = k % 10
        if kind in (3, 8):  # 20 %: the chair moves the focus
            area = self.plan["area_ids"][(k // 5) % len(self.plan["area_ids"])]
            return 0, {"name": "set_focus", "args": {"area_id": area}}
        sender = self.rng.choice(speakers)
        if kind in (1, 5, 9):  # 30 %: a scale position
            value = self.rng.randint(1, 10)
            return sender, {
                "name": "place_position",
                "args": {
                    "round_id": self.plan["round_id"],
                    "value": value,
                    "reason": f"We are at {value}: the last visit went well.",
                },
            }
        area = self.plan["area_ids"][self.rng.randrange(len(self.plan["area_ids"]))]
        return sender, {
            "name": "add_contribution",  # 50 %: a contribution
            "args": {
                "area_id": area,
                "kind": self.rng.choice(["worry", "strength", "evidence"]),
                "text": f"Contribution {k} from the bench: the health visitor saw Osian at "
                "home on Tuesday; he was clean, fed and sleeping in his own cot.",
            },
        }


async def connect_all(url: str, loads: list[MeetingLoad], concurrency: int) -> None:
    """Open every socket, a few at a time so the server is not flooded with handshakes."""
    gate = asyncio.Semaphore(concurrency)

    async def open_one(load: MeetingLoad, index: int, device: dict) -> None:
        sio = socketio.AsyncClient(reconnection=False)
        sio.on("patch", lambda body, _l=load, _i=index: _l.on_patch(_i, body))
        auth = {"meeting": load.id, "audience": device["audience"]}
        if device.get("screen_key"):
            auth["screen_key"] = device["screen_key"]
        headers = {"Cookie": device["cookie"]} if device["cookie"] else {}
        async with gate:
            for attempt in range(5):
                try:
                    await sio.connect(
                        url, headers=headers, auth=auth, transports=["websocket"], wait_timeout=30
                    )
                    break
                except socketio.exceptions.ConnectionError:
                    if attempt == 4:
                        raise
                    await asyncio.sleep(0.5 * (attempt + 1))
        load.devices[index] = sio

    tasks = []
    for load in loads:
        load.devices = [None] * load.n
        for index, device in enumerate(load.plan["devices"]):
            tasks.append(open_one(load, index, device))
    await asyncio.gather(*tasks)


async def drive(load: MeetingLoad, start: float, duration: float, rate: float, offset: float) -> None:
    """Send this meeting's commands on schedule, never waiting for an ack before the next one."""
    pending = []
    interval = 1.0 / rate
    k = 0
    while True:
        at = start + offset + k * interval
        if at >= start + duration:
            break
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        sender, command = load.next_command(k)
        command["id"] = f"b{load.id}-{k}-{uuid.uuid4().hex[:8]}"
        pending.append(asyncio.create_task(send(load, sender, command)))
        k += 1
    await asyncio.gather(*pending)


async def send(load: MeetingLoad, sender: int, command: dict) -> None:
    load.sent[command["id"]] = time.monotonic()
    try:
        ack = await load.devices[sender].call("command", command, timeout=30)
    except Exception as error:  # noqa: BLE001 - a timeout is a failure to report, not to raise
        load.errors.append({"id": command["id"], "error": repr(error)})
        return
    if isinstance(ack, dict) and ack.get("ok"):
        load.acked[command["id"]] = (ack["revision"], time.monotonic())
    else:
        load.errors.append({"id": command["id"], "ack": ack})


async def main() -> None:
    job = json.loads(sys.stdin.readline())
    if not job["url"].startswith(ALL_LOOPBACK):
        raise SystemExit("The load generator only talks to 127.0.0.1.")
    loads = [MeetingLoad(plan) for plan in job["meetings"]]
    t0 = time.monotonic()
    await connect_all(job["url"], loads, job.get("connect_concurrency", 50))
    sockets = sum(x.n for x in loads)
    print(json.dumps({"event": "ready", "sockets": sockets, "connect_s": time.monotonic() - t0}), flush=True)
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    start = json.loads(line)["start"]
    # A full collection of this process's heap (1,000+ clients) would stop it for a while and show
    # up as latency of the server: no cyclic garbage collection while measuring.
    gc.collect()
    gc.freeze()
    gc.disable()
    duration, rate = job["duration"], job["rate"]
    offsets = job.get("offsets") or [i / len(loads) / rate for i in range(len(loads))]
    await asyncio.gather(
        *(drive(x, start, duration, rate, off) for x, off in zip(loads, offsets, strict=True))
    )
    # Drain: wait until every acknowledged revision has reached every device, or the drain runs out.
    deadline = time.monotonic() + job.get("drain", 5)
    while time.monotonic() < deadline:
        if all(x.receipts.get(rev, [0])[0] >= x.n for x in loads for rev, _ in x.acked.values()):
            break
        await asyncio.sleep(0.05)
    latencies, lost, acked, timeline = [], [], 0, []
    for x in loads:
        for command_id, (revision, _) in x.acked.items():
            acked += 1
            got = x.receipts.get(revision)
            if got is None or got[0] < x.n:
                lost.append({"meeting": x.id, "revision": revision, "devices": got[0] if got else 0})
            else:
                latencies.append(got[1] - x.sent[command_id])
                sent = x.sent[command_id]
                timeline.append((sent - start, got[1] - sent, x.acked[command_id][1] - sent))
    ack_times = [t for x in loads for _, t in x.acked.values()]
    result = {
        "event": "done",
        "acked": acked,
        "sent": sum(len(x.sent) for x in loads),
        "errors": [e for x in loads for e in x.errors][:20],
        "error_count": sum(len(x.errors) for x in loads),
        "lost": lost[:20],
        "lost_count": len(lost),
        "gaps": sum(x.gaps for x in loads),
        "latencies": latencies,
        "timeline": sorted(timeline),
        "acked_ids": [
            [x.id, command_id, revision] for x in loads for command_id, (revision, _) in x.acked.items()
        ],
        "first_ack": min(ack_times) if ack_times else None,
        "last_ack": max(ack_times) if ack_times else None,
    }
    print(json.dumps(result), flush=True)
    await asyncio.gather(
        *(sio.disconnect() for x in loads for sio in x.devices if sio is not None), return_exceptions=True
    )


if __name__ == "__main__":
    asyncio.run(main())
