"""Whether the servers can listen where the town asked, said in words before they start.

A port already taken, a port below 1024 without the rights, an address that is not this
machine's or a host name that does not resolve would otherwise surface as an internal
error. :func:`explain_bind_error` words the error of a bind that failed; the servers'
runner (``kiosk.server.runner.bind``) raises it before uvicorn starts.
"""

from __future__ import annotations

import errno
import socket


def explain_bind_error(err: OSError, host: str, port: int) -> str:
    """One sentence for the town's staff: what is wrong with ``host:port`` and what to do."""
    where = f"{host}:{port}"
    if isinstance(err, socket.gaierror):
        return (f"cannot listen on {where}: '{host}' is not an address or a known host name "
                "(set serve.host or --host, e.g. 127.0.0.1 or 0.0.0.0)")
    if err.errno == errno.EADDRINUSE:
        return (f"cannot listen on {where}: the port is already in use (another "
                "'guichet serve'?); stop it or choose another port with --port or serve.port")
    if err.errno in (errno.EACCES, errno.EPERM):
        return (f"cannot listen on {where}: ports below 1024 need administrator rights; "
                "choose a port from 1024 (e.g. 8765) or put a web server in front")
    if err.errno == errno.EADDRNOTAVAIL:
        return (f"cannot listen on {where}: {host} is not an address of this machine (set "
                "serve.host or --host to one of its addresses, 127.0.0.1 or 0.0.0.0)")
    return f"cannot listen on {where}: {err.strerror or err}"
