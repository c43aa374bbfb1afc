// The phone page of an audio trail. Plain JavaScript, no build step.
// Texts: texts.js; narrations queued: player.js; distance, compass, wake lock: where.js;
// questions: ask.js; heard and read languages: languages.js; progress kept: saved.js;
// the geofence rules: geofence.js, shared with (and tested against) Python. Console
// lines "guichet:..." are what tests wait on.
"use strict";

const POOR_ACCURACY_M = 60;
// Speeds for the time to the next stop, by the tour's travel mode (tour.json "travel").
const TRAVEL_M_PER_S = { walk: 1.3, cycle: 4.2, drive: 8.3 };  // 4.7, 15 and 30 km/h

const state = { tour: null, lang: "fr", started: false, fence: null, position: null,
                current: null, played: new Set(), skipped: new Set(), introHeard: false,
                pending: [], storageRefused: false, poorGps: false,
                watch: null, wakeLock: null, heading: null, choiceFor: null, queue: null,
                recorder: null, justEnded: null };
const $ = (id) => document.getElementById(id);
const texts = () => TEXTS[state.lang] || TEXTS.en;
const text = (key, ...args) => { const t = texts()[key];
                                 return typeof t === "function" ? t(...args) : t; };
const pick = (values) => values[state.lang] || values[state.tour.languages[0]] ||
                         Object.values(values)[0] || "";
const storageKey = () => `guichet-tour:${state.tour.id}`;
const stopById = (id) => state.tour.stops.find((s) => s.id === id) || null;

function log(...parts) { console.log("guichet:" + parts.join(" ")); }

// --- what the page shows ------------------------------------------------------------

function announce(message) { $("announce").textContent = message; }

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-t]").forEach((node) => { node.textContent = text(node.dataset.t); });
  $("title").textContent = pick(state.tour.title);
  document.title = pick(state.tour.title);
  $("intro").textContent = pick(state.tour.intro);
  if (state.played.size || state.current) $("start").textContent = text("resume");
  $("plan").src = `plan-${state.lang}.svg`;
  $("plan").alt = text("planAlt", state.tour.stops.map((s, i) => `${i + 1} ${pick(s.name)}`).join(", "));
  $("plan-toggle").textContent = $("plan-box").hidden ? text("plan") : text("hidePlan");
  showAudioNotice();
  render();
}

function stopStatus(stop) {
  const queue = state.queue;
  if (queue.current && queue.current.id === stop.id) return "playing";
  if (queue.waiting.some((i) => i.id === stop.id)) return "queued";
  if (!state.started && state.pending.includes(stop.id)) return "queued";
  if (state.played.has(stop.id)) return "played";
  if (state.skipped.has(stop.id)) return "skipped";
  return "toCome";
}

const BADGES = { playing: "▶", queued: "⏭", played: "✓", skipped: "–", toCome: "" };

function renderStops() {
  const list = $("stops");
  list.textContent = "";
  state.tour.stops.forEach((stop, index) => {
    const status = stopStatus(stop);
    const item = document.createElement("li");
    item.dataset.stop = stop.id;
    item.className = `stop ${status}`;
    if (status === "played") item.classList.add("played");
    if (state.current && state.current.id === stop.id) item.classList.add("current");
    const row = document.createElement("p");
    row.className = "row";
    const num = document.createElement("span");
    num.className = "num"; num.textContent = String(index + 1);
    const name = document.createElement("span");
    name.className = "stop-name"; name.textContent = pick(stop.name);
    const badge = document.createElement("span");
    badge.className = "badge";
    const label = text(status);
    badge.textContent = `${BADGES[status]} ${label}`.trim();
    row.append(num, name, badge);
    const listen = document.createElement("button");
    listen.type = "button"; listen.className = "listen";
    listen.textContent = state.played.has(stop.id) ? text("replay") : text("listen");
    listen.setAttribute("aria-label", `${listen.textContent} : ${pick(stop.name)}`);
    listen.addEventListener("click", () => askToPlay(stop.id));
    item.append(row, listen);
    if (state.choiceFor === stop.id) item.appendChild(choiceRow(stop.id));
    list.appendChild(item);
  });
}

function choiceRow(stopId) {
  const box = document.createElement("div");
  box.className = "choice";
  const said = document.createElement("p");
  said.textContent = text("choose");
  const now = document.createElement("button");
  now.type = "button"; now.dataset.act = "now"; now.textContent = text("playNow");
  now.addEventListener("click", () => choose(stopId, "now"));
  const after = document.createElement("button");
  after.type = "button"; after.dataset.act = "after"; after.textContent = text("playAfter");
  after.addEventListener("click", () => choose(stopId, "after"));
  box.append(said, now, after);
  return box;
}

function nextStop() {
  return state.tour.stops.find((s) => !state.played.has(s.id) && !state.skipped.has(s.id) &&
    !state.queue.has(s.id)) || null;
}

function renderNext() {
  const stop = nextStop();
  const known = Boolean(stop && state.position);
  $("arrow").hidden = !known;
  $("skip").hidden = !stop;
  $("direction-kind").textContent = "";
  if (!stop) { $("next-name").textContent = text("done"); $("next-distance").textContent = ""; return; }
  $("next-name").textContent = pick(stop.name);
  $("next-distance").textContent = "";
  if (!known) return;
  const metres = Math.round(metresBetween(state.position, stop));
  const travel = TRAVEL_M_PER_S[state.tour.travel] ? state.tour.travel : "walk";
  const minutes = Math.max(1, Math.round(metres / TRAVEL_M_PER_S[travel] / 60));
  $("next-distance").textContent = text("away", metres, minutes, travel);
  const map = bearing(state.position, stop);
  const turn = state.heading === null ? map : (map - state.heading + 360) % 360;
  $("arrow").style.transform = `rotate(${Math.round(turn)}deg)`;
  $("arrow").dataset.turn = String(Math.round(turn));
  $("direction-kind").textContent = state.heading === null ? text("mapDirection") : text("compass");
}

function renderCurrent() {
  const stop = state.current;
  $("current").hidden = !stop;
  if (!stop) return;
  const playing = state.queue.current && state.queue.current.id === stop.id;
  $("current-label").textContent = playing ? text("now") : text("last");
  // The card's player holds this stop's narration, or is not shown (a text-only stop,
  // a resumed page): its controls never play another stop's.
  $("player").hidden = $("player").dataset.stop !== stop.id;
  $("current-name").textContent = pick(stop.name);
  $("transcript").textContent = pick(stop.transcript);
  // The text is open when the narration is not heard in the page's language.
  if (stopAudioLang(stop) !== state.lang) $("transcript-box").open = true;
  const images = $("images");
  images.textContent = "";
  for (const src of stop.images) {
    const img = document.createElement("img");
    img.src = src; img.alt = pick(stop.name);
    images.appendChild(img);
  }
  const following = state.queue.next();
  const note = $("queue-note");
  note.hidden = !following;
  note.textContent = following ? text("queuedNotice", nameOf(following)) : "";
}

function render() {
  $("progress").textContent = text("progress", heardCount(), state.tour.stops.length);
  renderCurrent();
  renderStops();
  renderNext();
}

const nameOf = (item) => (item.id === "intro" ? pick(state.tour.title) : pick(stopById(item.id).name));

// --- playing ------------------------------------------------------------------------

function itemFor(stop) {
  const lang = stopAudioLang(stop);
  return lang ? { id: stop.id, src: stop.audio[lang], lang } : null;
}

function onStarted(item) {
  $("tap-to-listen").hidden = true;
  if (item.id !== "intro") {
    state.current = stopById(item.id);
    save();
    // One announcement when a stop ends and the next starts: the second would replace
    // the first before a screen reader says it.
    const ending = state.justEnded ? `${state.justEnded} ` : "";
    announce(ending + text("started", nameOf(item)));
  }
  state.justEnded = null;
  log("play", item.id, item.lang);
  render();
}

function onEnded(item) {
  log("ended", item.id);
  if (item.id === "intro") state.introHeard = true; else {
    state.justEnded = `${text("ended", nameOf(item))}.`;
    announce(state.justEnded);
    setTimeout(() => { state.justEnded = null; }, 0);
  }
  save();  // heard to its end: no longer offered again after a reload
  render();
}

// The browser refused to start a sound without a tap: one big button gives it one.
function onBlocked(item) {
  log("blocked", item.id);
  $("tap-to-listen").hidden = false;
  $("current").hidden = false;
  announce(text("tapToListen"));
}

function onQueued(item) {
  log("queued", item.id);
  announce(text("queuedNotice", nameOf(item)));
  render();
}

function markPlayed(stop, how) {
  // Played by hand: the geofence must know, for "once" and for stops that require it.
  if (how !== "gps") state.fence.markPlayed(stop.id);
  state.played.add(stop.id);
  state.skipped.delete(stop.id);
  save();
  log("enter", stop.id, how);
}

// A stop whose narration has no audio in any language: its text is shown at once,
// unless a narration is playing (its text stays; this stop's card shows its own).
function showText(stop) {
  if (!state.queue.busy) state.current = stop;
  save();
  log("text-only", stop.id, state.lang);
  announce(text("textStop", pick(stop.name)));
  render();
}

function enter(stopId, how) {
  const stop = stopById(stopId);
  if (!stop) return;
  markPlayed(stop, how);
  const item = itemFor(stop);
  if (!item) { showText(stop); return; }
  state.queue.offer(item);
  render();
}

function askToPlay(stopId) {
  const stop = stopById(stopId);
  const item = itemFor(stop);
  if (!item) { markPlayed(stop, "manual"); showText(stop); return; }
  if (state.queue.busy && state.queue.current.id !== stopId) {
    state.choiceFor = stopId;
    log("choice", stopId);
    renderStops();
    return;
  }
  markPlayed(stop, "manual");
  state.queue.playNow(item);
}

function choose(stopId, how) {
  const stop = stopById(stopId);
  state.choiceFor = null;
  markPlayed(stop, "manual");
  if (how === "now") state.queue.playNow(itemFor(stop)); else state.queue.playAfter(itemFor(stop));
  render();
}

function skipNext() {
  const stop = nextStop();
  if (!stop) return;
  state.fence.markPlayed(stop.id);
  state.skipped.add(stop.id);
  save();
  log("skip", stop.id);
  render();
}

// --- position and start ----------------------------------------------------------------

function onPosition(position) {
  const fix = { lat: position.coords.latitude, lon: position.coords.longitude,
                accuracy: position.coords.accuracy, t: position.timestamp / 1000 };
  state.position = fix;
  const metres = Math.round(fix.accuracy);
  const status = $("gps");
  const poor = metres > POOR_ACCURACY_M;
  status.textContent = poor ? text("poor", metres) : text("accuracy", metres);
  status.classList.toggle("poor", poor);
  // Said to screen readers when it turns poor, not at every fix (over the narration).
  if (poor && !state.poorGps) announce(text("poor", metres));
  state.poorGps = poor;
  for (const event of state.fence.update(fix)) {
    if (event.kind === "enter") enter(event.stop, "gps");
  }
  renderNext();
}

function start() {
  $("welcome").hidden = true;
  $("guide").hidden = false;
  $("gps").textContent = text("waiting");
  // The tap is the user gesture browsers require before any sound; the intro plays once.
  // Then what was playing or waiting when the page closed, in order.
  const lang = audioLang();
  const intro = lang && state.tour.intro_audio[lang];
  const pending = state.pending;
  if (intro && !state.introHeard) state.queue.offer({ id: "intro", src: intro, lang });
  state.started = true;
  for (const id of pending) {
    const item = itemFor(stopById(id));
    if (item) state.queue.offer(item);
  }
  const first = state.tour.stops.map(itemFor).find(Boolean);
  if (!state.queue.busy && first) state.queue.unlock(first.src);
  watch();
  keepAwake();
  listenCompass();
  render();
  log("started");
}

document.addEventListener("visibilitychange", () => {
  // Background tabs get no positions and lose the wake lock: ask again on return.
  if (document.visibilityState === "visible" && state.started) { keepAwake(); watch(); }
});

// --- start-up --------------------------------------------------------------------------

async function main() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js").then(() => log("sw", "registered"),
      (err) => log("sw", "failed", err.name));
  }
  state.tour = await (await fetch("tour.json")).json();
  const savedLang = restore();
  state.lang = chooseLanguage(savedLang);
  state.queue = new NarrationQueue($("player"),
    { started: onStarted, ended: onEnded, queued: onQueued, blocked: onBlocked,
      failed: (item, why) => log("play-failed", item.id, why) });
  state.fence = new Geofence(state.tour.stops.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon,
    radius: s.radius, exit_radius: s.exit_radius, requires: s.requires, mode: s.mode })),
    [...state.played, ...state.skipped], state.tour.travel);
  fillLanguages();
  $("lang").addEventListener("change", () => {
    state.lang = $("lang").value;
    save();
    translate();
    log("language", state.lang);
  });
  $("start").addEventListener("click", start);
  $("skip").addEventListener("click", skipNext);
  $("tap-to-listen").addEventListener("click", () => {
    $("tap-to-listen").hidden = true;
    state.queue.resume();
  });
  $("plan-toggle").addEventListener("click", () => {
    const box = $("plan-box");
    box.hidden = !box.hidden;
    $("plan-toggle").setAttribute("aria-expanded", String(!box.hidden));
    $("plan-toggle").textContent = box.hidden ? text("plan") : text("hidePlan");
  });
  $("ask-form").addEventListener("submit", ask);
  if (navigator.mediaDevices && window.MediaRecorder) {
    $("record").hidden = false;
    $("record").addEventListener("click", record);
  }
  // A tour already begun: its progress is shown at once, and "Resume" restarts the GPS.
  if (state.played.size || state.current) $("guide").hidden = false;
  translate();
  if (state.current) log("resumed", state.current.id, heardCount(), state.pending.length);
  log("ready", state.tour.id);
}

main();
