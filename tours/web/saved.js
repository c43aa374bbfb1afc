// The phone page of an audio trail: the walk's progress, kept in the page's storage and
// restored after a reload or a closed tab. A stop counts as heard once its narration
// ended (or the tourist replaced it, by choice); one playing or waiting when the page
// closed is offered again on "Resume". Storage refused (private mode, full, blocked):
// the walk goes on, remembered by this page only.
// Loaded before app.js, which holds the state and the helpers used here.
"use strict";

// Stops entered but not yet heard to their end: playing, then waiting, in order.
function pendingIds() {
  if (!state.started) return state.pending;
  const queue = state.queue;
  return [queue.current, ...queue.waiting].filter((item) => item && item.id !== "intro")
    .map((item) => item.id);
}

function heardCount() {
  const pending = pendingIds();
  return [...state.played].filter((id) => !pending.includes(id)).length;
}

function save() {
  try {
    localStorage.setItem(storageKey(), JSON.stringify({
      played: [...state.played], skipped: [...state.skipped], lang: state.lang,
      pending: pendingIds(), current: state.current ? state.current.id : null,
      introHeard: state.introHeard }));
  } catch (err) {
    if (!state.storageRefused) log("storage-refused", err.name);
    state.storageRefused = true;
  }
}

function restore() {
  let saved = {};
  try { saved = JSON.parse(localStorage.getItem(storageKey()) || "{}") || {}; } catch (err) {
    log("storage-unreadable", err.name);
  }
  const known = (ids) => (Array.isArray(ids) ? ids : []).filter((id) => stopById(id));
  state.played = new Set(known(saved.played));
  state.skipped = new Set(known(saved.skipped));
  state.pending = known(saved.pending).filter((id) => state.played.has(id));
  state.current = stopById(saved.current) || null;
  state.introHeard = Boolean(saved.introHeard);
  return saved.lang;
}
