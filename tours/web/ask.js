// The phone page of an audio trail: questions, typed or recorded (MediaRecorder), sent to
// the ask API.
// Loaded before app.js, which holds the state and the helpers used here ($, text, log);
// these functions run once it has.
"use strict";

const RECORD_MAX_MS = 20000;  // a recording stops by itself after this

async function send(body, type, query) {
  if (!navigator.onLine) { $("answer").textContent = text("offline"); return; }
  $("answer").textContent = text("thinking");
  try {
    const response = await fetch(`api/ask${query}`, { method: "POST",
      headers: { "Content-Type": type }, body });
    const data = await response.json();
    if (!response.ok) {
      // 415 to a recording: this server takes typed questions only; the button goes.
      const voiceOff = response.status === 415 && type !== "application/json";
      if (voiceOff) $("record").hidden = true;
      $("answer").textContent = voiceOff ? text("voiceOff")
        : (state.lang === "fr" && data.error_fr) || data.error || text("error");
      log("ask-refused", response.status);
      return;
    }
    if (data.question) $("heard").textContent = text("heard", data.question);
    $("answer").textContent = data.answer;
    log("answered", data.declined ? "declined" : "ok");
  } catch (err) {
    $("answer").textContent = navigator.onLine ? text("error") : text("offline");
  }
}

function ask(event) {
  event.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  $("heard").textContent = "";
  send(JSON.stringify({ question, lang: state.lang }), "application/json", "");
}

async function record() {
  if (state.recorder) { state.recorder.stop(); return; }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (err) {
    $("heard").textContent = text("micRefused");
    log("mic-refused", err.name);
    return;
  }
  const recorder = new MediaRecorder(stream);
  const chunks = [];
  recorder.addEventListener("dataavailable", (e) => { if (e.data.size) chunks.push(e.data); });
  recorder.addEventListener("stop", () => {
    stream.getTracks().forEach((track) => track.stop());
    state.recorder = null;
    $("record").textContent = text("record");
    const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
    log("recorded", blob.size, blob.type);
    $("heard").textContent = "";
    send(blob, blob.type, `?lang=${encodeURIComponent(state.lang)}`);
  });
  state.recorder = recorder;
  recorder.start();
  $("record").textContent = text("stopRecord");
  $("heard").textContent = text("recording");
  log("recording");
  setTimeout(() => { if (state.recorder === recorder) recorder.stop(); }, RECORD_MAX_MS);
}
