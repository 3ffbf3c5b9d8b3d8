"""`quiver serve` supervises its children (issue 10): a worker killed with SIGKILL is restarted with a log line
while the site keeps answering, the new worker processes an upload, and SIGTERM stops every child. A real server
in a subprocess (free port, temp data directory, the product's settings, no demo)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quiver.cli.supervise import Child, backoff, describe_exit
from tests.bench.freshness_http import (
    Api,
    Server,
    admin_token,
    answers,
    children_of,
    free_port,
    serve_env,
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _lane_pid(server: Server, queues: str, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid, cmd in children_of(server.proc.pid):
            if f"worker --queues {queues} " in cmd + " ":
                return pid
        time.sleep(0.2)
    raise AssertionError(f"no worker for {queues}: {children_of(server.proc.pid)}\n{server.log()[-3000:]}")


def _wait_ready(api: Api, asset_id: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, body = api.get(f"/assets/{asset_id}")
        if body.get("status") != "processing":
            return body
        time.sleep(0.3)
    raise AssertionError(f"asset {asset_id} still processing: {body}")


@pytest.fixture
def server(tmp_path):
    env = serve_env(tmp_path / "var", QUIVER_PARSE_WORKERS="1", QUIVER_PREVIEWS="0", QUIVER_WEB_WORKERS="1")
    token = admin_token(env)
    server = Server(env, free_port())
    server.token = token
    try:
        server.wait_up()
        yield server
    finally:
        if server.proc.poll() is None:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait()


def test_a_killed_worker_is_restarted_while_the_site_answers_and_sigterm_stops_everything(server):
    old = _lane_pid(server, "ingest")
    os.kill(old, signal.SIGKILL)
    answered = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the web server does not go down with the worker
        answered.append(answers(server.port))
        time.sleep(0.2)
    assert answered and all(answered), server.log()[-3000:]
    server.wait_for_line(f"worker 'ingest' (pid {old}) killed by SIGKILL")
    server.wait_for_line("worker 'ingest' restarted (pid")
    new = _lane_pid(server, "ingest")
    assert new != old and _alive(new) and not _alive(old)

    api = Api(server.port, server.token)
    status, collection = api.post_json("/collections", {"name": "Supervised"})
    assert status == 201, collection
    status, asset = api.upload("note.txt", b"the restarted worker parses this zanzibar note", collection["id"])
    assert status == 201, asset
    assert _wait_ready(api, asset["id"])["status"] == "ready"

    gunicorn = next(pid for pid, cmd in children_of(server.proc.pid) if "gunicorn" in cmd)
    os.kill(gunicorn, signal.SIGKILL)  # the web server itself: restarted on the same listening socket
    server.wait_for_line(f"web server (pid {gunicorn}) killed by SIGKILL")
    server.wait_for_line("web server restarted (pid")
    deadline = time.monotonic() + 60  # connections wait in the backlog until the new gunicorn's worker boots
    while not answers(server.port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert answers(server.port), server.log()[-3000:]

    tree = children_of(server.proc.pid)
    assert len([cmd for _, cmd in tree if " worker --queues " in cmd]) == 4  # one per lane
    assert server.stop() == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid, _ in tree):
        time.sleep(0.2)
    assert [cmd for pid, cmd in tree if _alive(pid)] == []
    assert "SIGTERM received, stopping" in server.log()
    assert not answers(server.port)


def test_a_crash_loop_backs_off_instead_of_spinning():
    child = Child("crasher", [sys.executable, "-c", "import sys; sys.exit(3)"])
    delays = []
    for _ in range(5):
        child.start()
        child.proc.wait()
        now = time.monotonic()
        child.check(now)
        assert child.proc is None  # noticed, restart scheduled
        delays.append(round(child.next_start - now, 1))
    assert delays == [0.0, 1.0, 2.0, 4.0, 8.0]
    assert backoff(50) == 60.0
    assert describe_exit(3) == "exited with status 3"
    assert describe_exit(-signal.SIGKILL) == "killed by SIGKILL"


def test_a_child_that_ran_a_while_is_restarted_at_once():
    child = Child("steady", [sys.executable, "-c", "pass"], quick_deaths=4)
    child.start()
    child.proc.wait()
    child.started_at -= 3600  # it had run for an hour
    now = time.monotonic()
    child.check(now)
    assert child.quick_deaths == 1 and child.next_start == now
    child.check(now)
    assert child.proc is not None and child.starts == 2
    child.proc.wait()
    assert isinstance(child.proc, subprocess.Popen)


def test_the_lanes_cover_every_queue_with_one_index_consumer_and_one_periodic_thread(settings):
    from quiver.cli.serve import worker_children

    lanes = [child.argv[child.argv.index("--queues") + 1].split(",") for child in worker_children(single=False)]
    consumed = [queue for queues in lanes for queue in queues]
    assert sorted(consumed) == sorted(settings.TASKS["default"]["QUEUES"])  # each queue by exactly one lane
    assert consumed.count("index") == 1  # the embedded index has one writer
    assert sum("--periodic" in child.argv for child in worker_children(single=False)) == 1
    (single,) = worker_children(single=True)
    assert single.argv[-1] == "worker"  # no --queues: every queue, and the periodic thread


def test_worker_refuses_an_unknown_queue(cli):
    result = cli("worker", "--queues", "ingest,bogus")
    assert result.exit_code == 2
    assert "unknown queue(s) bogus" in result.output
