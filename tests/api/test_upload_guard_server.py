"""The upload size guard behind a real gunicorn: an oversized body is refused from its Content-Length while the
client has sent only the headers, and a chunked body is refused once it passes the limit (issue 10)."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "QUIVER_DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        QUIVER_DATA_DIR=str(tmp_path_factory.mktemp("gunicorn")),
        QUIVER_MAX_UPLOAD_BYTES="1000",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "quiver.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"gunicorn did not start: {proc.stderr.read().decode()[-2000:]}")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_content_length_over_the_limit_is_refused_before_the_body_is_sent(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    conn.putrequest("POST", "/api/v1/assets")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(10 * 1024**3))
    conn.endheaders()  # not one byte of the 10 GB body follows
    response = conn.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["detail"] == "The file is larger than the 1000 bytes limit."


def test_a_chunked_body_past_the_limit_is_refused(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    conn.putrequest("POST", "/api/v1/assets")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    chunk = b"x" * (1024 * 1024)
    try:
        for _ in range(8):  # 8 MB: past the limit (1000 bytes + the 5 MB form-field allowance)
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
    except OSError:
        pass  # the server may answer and close before the client finishes sending
    response = conn.getresponse()
    assert response.status == 413 and "larger than" in json.loads(response.read())["detail"]
