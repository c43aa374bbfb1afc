"""A scripted OpenAI-compatible chat server on 127.0.0.1, for deterministic guard tests.

This is a stand-in for an LLM, used only where a real model cannot be made to lie on cue:
it replays an exact reply (a lie, a leak, a good paraphrase), waits before its first
token, or answers HTTP 500. The real-model path is tested against llama.cpp + SmolLM2.
It speaks the real wire format (server-sent events of ``chat.completion.chunk``), so the
project's code goes through the real ``openai`` client.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class ScriptedLLM:
    """``reply`` is streamed word by word after ``delay_s``; ``status`` != 200 fails."""

    def __init__(self) -> None:
        self.reply = ""
        self.delay_s = 0.0
        self.status = 200
        self.requests: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append(body)
                if owner.status != 200:
                    self.send_response(owner.status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "scripted failure"}}')
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    time.sleep(owner.delay_s)
                    for index, word in enumerate(owner.reply.split(" ")):
                        piece = word if index == 0 else " " + word
                        chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0,
                                 "model": body.get("model", "scripted"),
                                 "choices": [{"index": 0, "delta": {"content": piece},
                                              "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (budget exceeded): expected

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
