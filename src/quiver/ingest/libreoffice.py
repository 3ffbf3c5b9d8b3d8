"""LibreOffice headless: office files converted to PDF in a throwaway directory and profile (macros disabled),
inside the sandbox child that asked. Used by the previews and by the legacy Office parser."""

import os
import shutil
import signal
import subprocess
import tempfile

from .errors import IngestError
from .sandbox import scratch_dir


def find_libreoffice(configured: str = "") -> str | None:
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


HARDENING = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
{}
</oor:items>
""".format(
    "\n".join(
        f'<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>"
        for name, value in (
            ("DisableMacrosExecution", "true"),
            ("MacroSecurityLevel", "3"),
            ("BlockUntrustedRefererLinks", "true"),
        )
    )
)


def _profile() -> str:
    """The throwaway LibreOffice profile of this sandbox child, created with macros disabled."""
    profile = os.path.join(scratch_dir(), "libreoffice-profile")
    settings = os.path.join(profile, "user", "registrymodifications.xcu")
    if not os.path.exists(settings):
        os.makedirs(os.path.dirname(settings), exist_ok=True)
        with open(settings, "w", encoding="utf-8") as fh:
            fh.write(HARDENING)
    return profile


def office_to_pdf(data: bytes, kind: str, soffice: str, timeout: float) -> bytes:
    """Convert with LibreOffice headless in a throwaway directory and profile; the input is named by its kind."""
    with tempfile.TemporaryDirectory(prefix="quiver-lo-") as tmp:
        source = os.path.join(tmp, f"input.{kind}")
        with open(source, "wb") as fh:
            fh.write(data)
        profile = _profile()
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            source,
        ]
        env = {"HOME": tmp, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp, start_new_session=True
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise IngestError(f"preview timed out after {timeout:.0f} s in LibreOffice") from None
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # helpers left behind by the launcher
            except OSError:
                pass
        target = os.path.join(tmp, "input.pdf")
        if not os.path.exists(target):
            raise IngestError("LibreOffice could not convert the file")
        with open(target, "rb") as fh:
            return fh.read()
