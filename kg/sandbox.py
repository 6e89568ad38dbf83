"""Limits a query worker puts on itself: memory, and no network.

``kg serve`` checks every query before it runs (``sparql.check_query`` refuses
``SERVICE``); a worker that cannot open a network socket keeps the promise that
no request leaves the machine even if a query slipped past that check.
"""
from __future__ import annotations

import ctypes
import platform
import resource
import struct
import sys

# seccomp-bpf (linux/seccomp.h, linux/filter.h, linux/audit.h)
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_RET_ALLOW, _RET_EACCES = 0x7FFF0000, 0x00050000 | 13
_LOAD, _JUMP_IF_EQUAL, _RETURN = 0x20, 0x15, 0x06
_AF_INET, _AF_INET6 = 2, 10
# machine -> (audit architecture, socket() system call numbers: x86-64 also has its x32 variant)
_ARCH = {"x86_64": (0xC000003E, (41, 0x40000000 | 41)), "aarch64": (0xC00000B7, (198, 198))}


def limit_memory(limit: int) -> None:
    """Cap the memory this process may write to (heap and private mappings) at ``limit`` bytes: an
    allocation past it fails (MemoryError in Python; Oxigraph aborts the process, and the server
    answers 500). Address space (RLIMIT_AS) would also count what is only reserved, such as the 64 MB
    each thread's malloc arena reserves, which varies from run to run by hundreds of MB."""
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def deny_network() -> bool:
    """Forbid this process (for good) to create IPv4 and IPv6 sockets; Unix sockets, files and the pipes
    it already has keep working. Returns False where that cannot be done (not Linux on x86-64 or ARM64)."""
    arch = _ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    audit, (socket_call, socket_x32) = arch
    program = [  # (code, jump if true, jump if false, value); a jump skips that many instructions
        (_LOAD, 0, 0, 4),  # the architecture
        (_JUMP_IF_EQUAL, 0, 6, audit),
        (_LOAD, 0, 0, 0),  # the system call
        (_JUMP_IF_EQUAL, 1, 0, socket_call),
        (_JUMP_IF_EQUAL, 0, 3, socket_x32),
        (_LOAD, 0, 0, 16),  # its first argument, the address family
        (_JUMP_IF_EQUAL, 2, 0, _AF_INET),
        (_JUMP_IF_EQUAL, 1, 0, _AF_INET6),
        (_RETURN, 0, 0, _RET_ALLOW),
        (_RETURN, 0, 0, _RET_EACCES),
    ]
    code = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(code, len(code))
    fprog = struct.pack("HL", len(program), ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    fprog_buffer = ctypes.create_string_buffer(fprog, len(fprog))
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(fprog_buffer), 0, 0) != 0:
        return False
    return True
