"""What a sandbox child does to itself before it loads a parser: it should see nothing of the worker but the one
file it is given (as an open descriptor, see jobs.Job.takes_file).

Always: an environment holding only locale and PATH (set by the parent), no inherited descriptors but its socket,
a private working directory that is also HOME and TMPDIR (LibreOffice's profile lives there).
Where the kernel allows (root, or an unprivileged user namespace): new mount and network namespaces, in which the
data directory (database, secret key, originals, search index) is covered by an empty read-only tmpfs, the temp
directory (the worker's copies of other files) by a fresh private tmpfs, and there is no network at all.
As root: then drops to `nobody` (no capabilities, no_new_privs), so it can neither undo those mounts nor read
what root owns (/proc/<worker>/environ...). When the interpreter lives where nobody cannot read (a pyenv under
/root), the directories it needs are bound back over an empty tmpfs first; the rest of that home stays hidden.
Without namespaces, a root child still drops to nobody if nobody can read the interpreter; else it stays root
and says so (logged by the worker)."""

import ctypes
import os
import stat
import sys

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 4096, 1 << 14, 1 << 18
PR_SET_NO_NEW_PRIVS = 38
libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        libc.mount(os.fsencode(source), os.fsencode(target), fstype and fstype.encode(), flags, data.encode() or None)
    )


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def _unshare(as_root: bool) -> None:
    if as_root:
        _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET))
    else:
        uid, gid = os.getuid(), os.getgid()
        _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET))
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    _mount("none", "/", None, MS_REC | MS_PRIVATE)


def _blocker(path: str) -> str | None:
    """The first directory on the way to `path` that others (nobody) cannot enter or list, if any."""
    parts = path.strip(os.sep).split(os.sep)
    for index in range(len(parts) + 1):
        current = os.sep + os.sep.join(parts[:index])
        mode = os.stat(current).st_mode
        needed = stat.S_IXOTH | (stat.S_IROTH if index == len(parts) else 0)
        if mode & needed != needed:
            return current
    return None


def _code_dirs() -> list[str]:
    return sorted({os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)})


def _reachable_by_others() -> bool:
    return all(_blocker(path) is None for path in _code_dirs())


def _expose_code() -> None:
    """Cover each directory that blocks nobody from the interpreter with an empty tmpfs; bind the code back."""
    blocked: dict[str, list[str]] = {}
    for path in _code_dirs():
        blocker = _blocker(path)
        if blocker is not None and blocker != path:
            blocked.setdefault(blocker, []).append(path)
    for blocker, paths in blocked.items():
        handles = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in paths}
        _mount("tmpfs", blocker, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
        for path, handle in handles.items():
            os.makedirs(path, mode=0o755, exist_ok=True)
            _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
            os.close(handle)


def _inside(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def _hide(paths: list[str], home: str, uid: int | None) -> int:
    """Empty read-only tmpfs over the data directories; a fresh tmpfs over the temp directory holding `home`.
    The interpreter's code stays reachable: a data directory holding it is left alone, and code under the temp
    directory (a checkout or virtualenv in /tmp) is bound back over the fresh tmpfs."""
    tmp = os.path.realpath(os.path.dirname(home))
    code = _code_dirs()
    scratch = os.path.realpath(home)  # the child's working directory (on sys.path under -m): made anew below
    kept = {
        path: os.open(path, os.O_PATH | os.O_DIRECTORY)
        for path in code
        if _inside(path, tmp) and not _inside(path, scratch)
    }
    hidden = 0
    for path in paths:
        if os.path.isdir(path) and not any(_inside(c, path) for c in code):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")
            hidden += 1
    _mount("tmpfs", tmp, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    for path, handle in sorted(kept.items()):
        os.makedirs(path, mode=0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        os.close(handle)
    os.mkdir(home, 0o700)
    if uid is not None:
        os.chown(home, uid, uid)
    return hidden


def _drop(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)  # from root to another uid: every capability goes with it
    if 0 in (os.getuid(), os.geteuid(), os.getgid()):
        raise OSError("could not drop root")


def confine(home: str, hide: list[str], uid: int | None, gid: int | None) -> str:
    """Confine this (single-threaded) process; returns what was applied, for the worker's log. Raises OSError
    when a step that was started fails half-way (the child then exits and the worker reports it)."""
    as_root = os.geteuid() == 0
    applied = ["clean environment"]
    try:
        _unshare(as_root)
    except OSError as exc:
        applied.append(f"no namespaces ({exc.strerror or exc})")
        if as_root and uid is not None and not _reachable_by_others():
            uid = None
    else:
        applied.append(f"no network, {_hide(hide, home, uid)} data dir(s) hidden, private tmp")
        if as_root and uid is not None:
            _expose_code()
    os.chdir(home)
    if as_root and uid is not None:
        _drop(uid, gid if gid is not None else uid)
        applied.append(f"uid {uid}")
    elif as_root:
        applied.append("still root: nobody cannot read the interpreter")
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    return ", ".join(applied)
