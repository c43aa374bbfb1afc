#!/bin/sh
# The demo: a visitor asks the demo town a question aloud; Guichet answers aloud, offline.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh models
mkdir -p .demo
question="${1:-How much does a new passport cost?}"
echo "== A visitor asks (spoken by the bundled Piper voice): $question"
.venv/bin/guichet say "$question" --lang en --out .demo/question.wav >/dev/null
echo "== Guichet hears .demo/question.wav and answers:"
.venv/bin/guichet ask .demo/question.wav --out .demo/answer.wav --play
echo "== The spoken answer is in .demo/answer.wav"
