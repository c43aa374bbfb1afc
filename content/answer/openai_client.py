"""The one way Guichet opens an OpenAI-compatible client (chat, transcription, speech).

Here, beside the LLM answerer that needs it, so that voice's remote engines use it too
(voice may depend on content, never the other way). The key is read from the
environment variable the town names, never from a file, and is never logged; with no
key set, the placeholder "none" lets keyless servers (Ollama, llama.cpp, self-hosted
speech) answer.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openai import OpenAI


def openai_client(base_url: str, api_key_env: str, timeout_s: float,
                  max_retries: int = 0) -> OpenAI:
    """A client for ``base_url`` with the key in ``$api_key_env``.

    No retries by default: each caller has a time budget and a fallback, and a retry
    would spend the budget on a server that just failed.
    """
    from openai import OpenAI  # imported when first used: start-up does not pay for it

    key = os.environ.get(api_key_env) or "none"
    return OpenAI(base_url=base_url, api_key=key, max_retries=max_retries, timeout=timeout_s)
