"""Many sessions at once as websocket clients: Streamlit's own protocol, no browser competing for the cores.

    python -m bench.crowd --url http://127.0.0.1:PORT [--url ...] [--sessions 50] [--data-dir DIR]

With several --url (replicas over one data directory), session n goes to URL n mod their number and stays
there, as a load balancer with sticky sessions would pin it.

Each session does what the frontend does: GET /_stcore/health (which sets the `_streamlit_xsrf` cookie), open
ws://.../_stcore/stream with the subprotocols "streamlit" and that token (and the Cookie and Origin headers a
browser sends), then send a BackMsg `rerun_script` for the overview (page_name "", as a first load of "/"
does) and, once that run has finished, one for the DIN page by the page_script_hash the `navigation`
ForwardMsg lists (as a click on its sidebar link does). A page load is timed from sending `rerun_script` to
receiving `script_finished`. Like the frontend, the client keeps every cacheable ForwardMsg by hash, reports
the hashes it holds in each `rerun_script` (ClientState.cached_message_hashes) and resolves `ref_hash`
messages from them. Not done: fetching index.html and the JavaScript, drawing, widget states (all defaults).

A load is an error when the connection fails, it times out, any delta is an `exception` element, the run
finishes with a status other than FINISHED_SUCCESSFULLY, or fewer metric tiles or Plotly charts arrive than
the page draws (counted by AppTest on the same data: bench/render.py `expected_on_screen`).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from bench.browser import LOAD_TIMEOUT_MS, Crowd
from mhhs_dashboard.blocks import tiles_in

XSRF_COOKIE = "_streamlit_xsrf"
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"  # noqa: S105 - not a secret: what the frontend sends without an XSRF cookie
SUCCESS = ForwardMsg.ScriptFinishedStatus.Name(ForwardMsg.FINISHED_SUCCESSFULLY)
# element type -> key of render.on_screen; an st.html counts the tiles it holds (elements.tile_row)
COUNTED = {"metric": "metrics", "html": "metrics", "plotly_chart": "charts"}


@dataclass(frozen=True)
class Visit:
    """One page a session opens: its name in the report, its URL path, and what it draws."""

    name: str
    url_path: str  # "" for app.py, the file stem for pages/*.py, with "?query" if the visit has one
    want: dict[str, int]


@dataclass
class Load:
    """One page load in one session."""

    session: int
    page: str
    server: str = ""  # the base URL the session was pinned to
    seconds: float | None = None  # None: no script_finished arrived
    status: str = ""
    received: int = 0  # bytes of ForwardMsgs, as sent (before the websocket's own compression)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED.values(), 0))
    error: str | None = None


def visits(overview: dict[str, int], dins: dict[str, int]) -> list[Visit]:
    """The benchmark's walk: the overview, then the DIN page, with what each draws."""
    return [Visit("overview", "", overview), Visit("dins", "dins", dins)]


class Session:
    """One Streamlit session over the websocket, with the frontend's ForwardMsg cache."""

    def __init__(self, ws: object, base: str) -> None:
        self.ws = ws
        self.base = base
        self.cache: dict[str, bytes] = {}
        self.app_pages: dict[str, str] = {}  # url path -> page_script_hash, from the `navigation` message

    def rerun(self, url_path: str) -> BackMsg:
        """The BackMsg the frontend sends: a first load names the page by path, later ones by script hash."""
        msg = BackMsg()
        state = msg.rerun_script
        path, _, state.query_string = url_path.partition("?")  # "present?step=2": the page, then its query
        if path in self.app_pages:
            state.page_script_hash = self.app_pages[path]
        else:
            state.page_name = path
        state.cached_message_hashes.extend(self.cache)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "Europe/London", 0, "en-GB"
        info.url, info.is_embedded, info.color_scheme = f"{self.base}/{url_path}", False, "light"
        return msg

    def resolve(self, raw: bytes) -> ForwardMsg:
        """Parse a ForwardMsg; keep it if cacheable; answer a ref_hash from the cache (a miss raises)."""
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "ref_hash":
            if msg.ref_hash not in self.cache:
                raise RuntimeError(f"ref_hash {msg.ref_hash} is not in the client's cache")
            full = ForwardMsg()
            full.ParseFromString(self.cache[msg.ref_hash])
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            self.cache.setdefault(msg.hash, raw)
        return msg

    async def load(self, visit: Visit, load: Load) -> None:
        """Ask for `visit`'s page and read ForwardMsgs until its run finishes; fill in `load`."""
        # delta path -> what is there now and how many of it (later deltas replace earlier)
        paths: dict[tuple[int, ...], tuple[str, int]] = {}
        exceptions = 0
        asked = self.rerun(visit.url_path)
        ran = ""
        started = time.perf_counter()
        await self.ws.send(asked.SerializeToString())  # type: ignore[attr-defined]
        while True:
            raw = await self.ws.recv()  # type: ignore[attr-defined]
            load.received += len(raw)
            msg = self.resolve(raw)
            kind = msg.WhichOneof("type")
            if kind == "navigation":  # the pages and the one that runs (new_session's app_pages stay empty)
                self.app_pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                ran = msg.navigation.page_script_hash
            elif kind == "page_not_found":
                load.error = f"page not found: {msg.page_not_found.page_name!r}"
            elif kind == "delta":
                path = tuple(msg.metadata.delta_path)
                what = msg.delta.WhichOneof("type")
                if what == "add_block":
                    paths = {p: t for p, t in paths.items() if p[: len(path)] != path}
                    paths[path] = ("block", 1)
                elif what == "new_element":
                    element = msg.delta.new_element.WhichOneof("type") or ""
                    exceptions += element == "exception"
                    n = tiles_in(msg.delta.new_element.html.body) if element == "html" else 1
                    paths[path] = (element, n)
            elif kind == "script_finished":
                load.seconds = time.perf_counter() - started
                load.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                break
        for element, n in paths.values():
            if element in COUNTED:
                load.counts[COUNTED[element]] += n
        short = [f"{k} {load.counts[k]} of {n}" for k, n in visit.want.items() if load.counts.get(k, 0) < n]
        problems = [load.error] if load.error else []
        wanted = asked.rerun_script.page_script_hash or self.app_pages.get(visit.url_path.partition("?")[0], ran)
        problems += [f"ran page {ran}, not {wanted}"] if ran != wanted else []
        problems += [f"{exceptions} exception element(s)"] if exceptions else []
        problems += [f"finished {load.status}"] if load.status != SUCCESS else []
        problems += [f"only {', '.join(short)}"] if short else []
        load.error = "; ".join(problems) or None


def first_request(base: str, timeout: float) -> tuple[str, str]:
    """The frontend's first request: the health check, whose response sets the XSRF cookie (and, through the load
    balancer of deploy/, the cookie pinning the browser to a replica). (XSRF token, Cookie header with each)."""
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=timeout) as r:  # noqa: S310 - the URL given
        cookie = SimpleCookie()
        for header in r.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
    token = cookie[XSRF_COOKIE].value if XSRF_COOKIE in cookie else ""
    return token or NO_TOKEN, "; ".join(f"{name}={morsel.value}" for name, morsel in cookie.items())


async def one_session(n: int, base: str, walk: Sequence[Visit], timeout: float) -> list[Load]:
    """Session `n`: connect to `base` as the frontend does, then open each page of `walk` in turn."""
    loads = [Load(n, v.name, base) for v in walk]
    current = loads[0]
    try:
        token, cookie = await asyncio.wait_for(asyncio.to_thread(first_request, base, timeout), timeout)
        parts = urlsplit(base)
        async with connect(
            f"ws://{parts.netloc}/_stcore/stream",
            origin=f"{parts.scheme}://{parts.netloc}",  # type: ignore[arg-type]
            subprotocols=["streamlit", token],  # type: ignore[list-item]
            additional_headers={"Cookie": cookie} if cookie else None,
            compression="deflate",  # as browsers offer
            proxy=None,  # loopback: never through a proxy from the environment
            open_timeout=timeout,
            ping_interval=None,  # browsers do not ping
            max_size=None,  # element payloads (Arrow frames, figures) can exceed the 1 MiB default
        ) as ws:
            session = Session(ws, base)
            for visit, load in zip(walk, loads, strict=True):
                current = load
                await asyncio.wait_for(session.load(visit, load), timeout)
    except Exception as e:  # a failed session is a result, not a crash of the benchmark
        first = (str(e).splitlines() or [""])[0]
        timed_out = isinstance(e, TimeoutError)
        current.error = f"timed out after {timeout:.0f} s" if timed_out else f"{type(e).__name__}: {first}"
        for later in loads[loads.index(current) + 1 :]:
            later.error = "not reached"
    return loads


async def gather(bases: Sequence[str], walk: Sequence[Visit], sessions: int, timeout: float) -> list[Load]:
    """`sessions` sessions at once, session n against `bases[n % len(bases)]`, each walking `walk`."""
    if isinstance(bases, str):  # one server given bare: not a sequence of one-letter servers
        bases = [bases]
    pinned = [bases[n % len(bases)] for n in range(sessions)]
    results = await asyncio.gather(*(one_session(n, pinned[n], walk, timeout) for n in range(sessions)))
    return [load for loads in results for load in loads]


def run_all(
    bases: Sequence[str], walk: Sequence[Visit], sessions: int, timeout: float = LOAD_TIMEOUT_MS / 1000
) -> list[Load]:
    """`gather` on an event loop of its own thread: the caller's thread may be running one already (Playwright's
    sync API does, in the browser tests), and asyncio.run refuses to start a second loop in one thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, gather(bases, walk, sessions, timeout)).result()


def crowd(bases: Sequence[str], walk: Sequence[Visit], sessions: int, timeout: float = LOAD_TIMEOUT_MS / 1000) -> Crowd:
    """`sessions` websocket sessions at once, spread over the servers `bases` (one, or replicas), each opening
    the pages of `walk` in turn; times and errors."""
    return summary(run_all(bases, walk, sessions, timeout), sessions)


def summary(loads: Sequence[Load], sessions: int) -> Crowd:
    """Times of every load whose run finished; one error line per failed load."""
    times = [ld.seconds for ld in loads if ld.seconds is not None]
    errors = [f"session {ld.session} {ld.page}: {ld.error}" for ld in loads if ld.error]
    return Crowd(sessions, times, errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crowd", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", action="append", required=True, help="a server, e.g. http://127.0.0.1:8501 (repeat for replicas)"
    )
    parser.add_argument("--sessions", type=int, default=50, help="sessions at once (default 50)")
    parser.add_argument("--data-dir", help="the server's data directory, for the expected counts (default: as the app)")
    parser.add_argument("--timeout", type=float, default=LOAD_TIMEOUT_MS / 1000, help="seconds per page load")
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ["MHHS_DATA_DIR"] = args.data_dir
    from bench import render  # AppTest counts what each page draws on that data

    walk = visits(render.expected_on_screen("app.py"), render.expected_on_screen("pages/dins.py"))
    loads = run_all([u.rstrip("/") for u in args.url], walk, args.sessions, args.timeout)
    result = summary(loads, args.sessions)
    sizes = {v.name: max((ld.received for ld in loads if ld.page == v.name), default=0) for v in walk}
    print(
        f"{args.sessions} sessions, {len(result.times)} page loads timed (rerun_script sent -> script_finished): "
        f"p50 {result.p50:.2f} s, p95 {result.p95:.2f} s, max {result.slowest:.2f} s; "
        f"{len(result.errors)} errors; expected per page: {', '.join(f'{v.name} {v.want}' for v in walk)}; "
        f"largest load received: {', '.join(f'{k} {n / 2**20:.1f} MiB' for k, n in sizes.items())}"
    )
    for line in result.errors[:10]:
        print(f"  {line}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
