"""The engine's sandbox: a process that cannot open an outbound connection.

kg serve refuses SERVICE and LOAD on the parsed request (``kg.server.sparql_grammar``); this
is the second wall, which holds even if a request were read differently by the engine. The
engine process is started under a seccomp filter (Linux) that makes the system calls that
reach another address fail with ``EACCES``: ``connect`` (every TCP connection and every
connected UDP socket), ``sendto`` with a destination address, ``sendmsg`` and ``sendmmsg``
(which can carry one), and ``io_uring_setup`` (whose operations seccomp cannot see). The
engine keeps what a server needs: its listening socket, ``accept`` and answering on the
connections it accepted. The filter is inherited by every thread and cannot be removed
(``no_new_privs``). Usage::

    from kg.server.sandbox import no_egress
    subprocess.Popen(command, preexec_fn=no_egress())   # raises SandboxUnavailable if
                                                        # this system has no seccomp
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct
import sys
from collections.abc import Callable

#: Set to 1 to run the engine without the sandbox where seccomp is not available
#: (not Linux, or another CPU): SERVICE and LOAD are then refused by the parser alone.
OPT_OUT = "KG_ENGINE_UNSANDBOXED"

# Linux constants (include/uapi/linux/{seccomp,filter,audit,prctl}.h).
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL = 0x80000000
_LD_ABS = 0x20   # BPF_LD | BPF_W | BPF_ABS
_JEQ = 0x15      # BPF_JMP | BPF_JEQ | BPF_K
_JGE = 0x35      # BPF_JMP | BPF_JGE | BPF_K
_RET = 0x06      # BPF_RET | BPF_K
_X32 = 0x40000000

#: Per CPU: audit arch, and the numbers of connect, sendto, sendmsg, sendmmsg, io_uring_setup.
_ARCHES = {
    "x86_64": (0xC000003E, 42, 44, 46, 307, 425),
    "aarch64": (0xC00000B7, 203, 206, 211, 269, 425),
}


class SandboxUnavailable(RuntimeError):
    """This system cannot start the engine without outbound connections."""


def _instruction(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def filter_program(machine: str) -> bytes:
    """The BPF program (struct sock_filter[]) for ``machine`` (``platform.machine()``)."""
    if machine not in _ARCHES:
        raise SandboxUnavailable(f"no seccomp filter for this CPU ({machine})")
    arch, connect, sendto, sendmsg, sendmmsg, io_uring = _ARCHES[machine]
    deny = _RET_ERRNO | errno.EACCES
    program = [
        _instruction(_LD_ABS, 0, 0, 4),                  # A = arch
        _instruction(_JEQ, 1, 0, arch),
        _instruction(_RET, 0, 0, _RET_KILL),             # another ABI: refuse outright
        _instruction(_LD_ABS, 0, 0, 0),                  # A = syscall number
    ]
    if machine == "x86_64":                              # x32 numbers: deny
        program += [_instruction(_JGE, 0, 1, _X32), _instruction(_RET, 0, 0, deny)]
    program += [
        _instruction(_JEQ, 5, 0, connect),               # -> deny
        _instruction(_JEQ, 4, 0, sendmsg),               # -> deny
        _instruction(_JEQ, 3, 0, sendmmsg),              # -> deny
        _instruction(_JEQ, 2, 0, io_uring),              # -> deny
        _instruction(_JEQ, 2, 0, sendto),                # -> the address check
        _instruction(_RET, 0, 0, _RET_ALLOW),
        _instruction(_RET, 0, 0, deny),                  # deny
        _instruction(_LD_ABS, 0, 0, 48),                 # sendto's dest_addr, low half
        _instruction(_JEQ, 0, 3, 0),
        _instruction(_LD_ABS, 0, 0, 52),                 # high half
        _instruction(_JEQ, 0, 1, 0),
        _instruction(_RET, 0, 0, _RET_ALLOW),            # no address: a reply, allowed
        _instruction(_RET, 0, 0, deny),
    ]
    return b"".join(program)


def no_egress() -> Callable[[], None] | None:
    """A ``preexec_fn`` that puts the child under the no-egress filter before it execs.

    Returns None when the user opted out (``KG_ENGINE_UNSANDBOXED=1``) on a system that has
    no seccomp; raises SandboxUnavailable there otherwise.
    """
    if not sys.platform.startswith("linux") or platform.machine() not in _ARCHES:
        if os.environ.get(OPT_OUT) == "1":
            return None
        raise SandboxUnavailable(
            f"the engine's sandbox needs Linux on {' or '.join(_ARCHES)} (this is "
            f"{sys.platform} on {platform.machine()}); set {OPT_OUT}=1 to run without it")
    program = filter_program(platform.machine())
    count = len(program) // 8
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = struct.pack("=HxxxxxxQ", count, ctypes.addressof(buffer))
    fprog_buffer = ctypes.create_string_buffer(fprog, len(fprog))
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong,
                      ctypes.c_ulong]

    def install() -> None:  # runs in the child, between fork and exec
        keep = (buffer, fprog_buffer)  # the filter must outlive the call
        if prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(keep[1]), 0, 0):
            raise OSError(ctypes.get_errno(), "seccomp filter refused by the kernel")

    return install
