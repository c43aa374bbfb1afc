// The phone page of an audio trail. Plain JavaScript, no build step.
// The geofence rules live in geofence.js, shared with (and tested against) Python.
"use strict";

const TEXTS = {
  fr: { start: "Commencer le parcours", hint: "Le son démarre tout seul à chaque étape. Gardez la page ouverte.",
        next: "Prochaine étape", now: "Vous êtes à", transcript: "Texte de la narration",
        play: "Écouter l'étape suivante", skip: "Passer cette étape", ask: "Une question ?",
        send: "Demander", language: "Langue", waiting: "Recherche de votre position…",
        accuracy: (m) => `Position à ${m} m près`, poor: (m) => `GPS imprécis (${m} m) : utilisez « Écouter »`,
        denied: "Position refusée : utilisez les boutons pour écouter les étapes.",
        done: "Parcours terminé, merci !", offline: "Hors connexion : les questions reviendront avec le réseau.",
        thinking: "…", error: "Le service ne répond pas. Réessayez plus tard.", metres: (m) => `${m} m` },
  en: { start: "Start the walk", hint: "Sound starts by itself at each stop. Keep this page open.",
        next: "Next stop", now: "You are at", transcript: "Narration text",
        play: "Play the next stop", skip: "Skip this stop", ask: "A question?",
        send: "Ask", language: "Language", waiting: "Looking for your position…",
        accuracy: (m) => `Position within ${m} m`, poor: (m) => `Poor GPS (${m} m): use “Play”`,
        denied: "Location refused: use the buttons to play the stops.",
        done: "Walk complete, thank you!", offline: "Offline: questions will work again with network.",
        thinking: "…", error: "The service does not answer. Please try later.", metres: (m) => `${m} m` },
};
const POOR_ACCURACY_M = 60;

const state = { tour: null, lang: "fr", started: false, fence: null, position: null,
                current: null, played: new Set(), watch: null, wakeLock: null };
const $ = (id) => document.getElementById(id);
const text = (key, arg) => { const t = (TEXTS[state.lang] || TEXTS.en)[key];
                             return typeof t === "function" ? t(arg) : t; };
const pick = (values) => values[state.lang] || values[state.tour.languages[0]] || "";
const storageKey = () => `guichet-tour:${state.tour.id}:played`;

function log(...parts) { console.log("guichet:" + parts.join(" ")); }

function savePlayed() {
  localStorage.setItem(storageKey(), JSON.stringify([...state.played]));
}

function translate() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-t]").forEach((node) => { node.textContent = text(node.dataset.t); });
  $("title").textContent = pick(state.tour.title);
  document.title = pick(state.tour.title);
  $("intro").textContent = pick(state.tour.intro);
  $("plan").src = `plan-${state.lang}.svg`;
  $("plan").alt = pick(state.tour.title);
  renderStops();
  if (state.current) showStop(state.current, false);
}

function renderStops() {
  const list = $("stops");
  list.textContent = "";
  for (const stop of state.tour.stops) {
    const item = document.createElement("li");
    item.textContent = pick(stop.name);
    item.dataset.stop = stop.id;
    if (state.played.has(stop.id)) item.classList.add("played");
    if (state.current && state.current.id === stop.id) item.classList.add("current");
    list.appendChild(item);
  }
}

function nextStop() {
  return state.tour.stops.find((s) => !state.played.has(s.id) &&
    (!state.current || s.id !== state.current.id)) || null;
}

function metresBetween(a, b) {
  const rad = Math.PI / 180, earth = 6371008.8;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 +
            Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earth * Math.asin(Math.sqrt(h));
}

function bearing(from, to) {
  const rad = Math.PI / 180;
  const y = Math.sin((to.lon - from.lon) * rad) * Math.cos(to.lat * rad);
  const x = Math.cos(from.lat * rad) * Math.sin(to.lat * rad) -
            Math.sin(from.lat * rad) * Math.cos(to.lat * rad) * Math.cos((to.lon - from.lon) * rad);
  return (Math.atan2(y, x) / rad + 360) % 360;
}

function renderNext() {
  const stop = nextStop();
  $("arrow").hidden = !stop || !state.position;
  if (!stop) { $("next-name").textContent = text("done"); $("next-distance").textContent = ""; return; }
  $("next-name").textContent = pick(stop.name);
  if (state.position) {
    const metres = Math.round(metresBetween(state.position, stop));
    $("next-distance").textContent = text("metres", metres);
    $("arrow").style.transform = `rotate(${Math.round(bearing(state.position, stop))}deg)`;
  }
}

function showStop(stop, play) {
  state.current = stop;
  $("current").hidden = false;
  $("current-name").textContent = pick(stop.name);
  $("transcript").textContent = pick(stop.transcript);
  const images = $("images");
  images.textContent = "";
  for (const src of stop.images) {
    const img = document.createElement("img");
    img.src = src; img.alt = pick(stop.name);
    images.appendChild(img);
  }
  const source = stop.audio[state.lang];
  const player = $("player");
  if (play && source) {
    player.src = source;
    player.dataset.stop = stop.id;
    player.play().catch((err) => log("play-failed", stop.id, err.name));
  } else if (play) {
    log("text-only", stop.id, state.lang);  // no voice for this language: transcript only
  }
  renderStops();
  renderNext();
}

function enter(stopId, how) {
  const stop = state.tour.stops.find((s) => s.id === stopId);
  if (!stop) return;
  // Played by hand: the geofence must know, for "once" and for stops that require it.
  if (how !== "gps") state.fence.markPlayed(stop.id);
  state.played.add(stop.id);
  savePlayed();
  log("enter", stop.id, how);
  showStop(stop, true);
}

function onPosition(position) {
  const fix = { lat: position.coords.latitude, lon: position.coords.longitude,
                accuracy: position.coords.accuracy, t: position.timestamp / 1000 };
  state.position = fix;
  const metres = Math.round(fix.accuracy);
  const status = $("gps");
  status.textContent = metres > POOR_ACCURACY_M ? text("poor", metres) : text("accuracy", metres);
  status.classList.toggle("poor", metres > POOR_ACCURACY_M);
  for (const event of state.fence.update(fix)) {
    if (event.kind === "enter") enter(event.stop, "gps");
  }
  renderNext();
}

function onPositionError(error) {
  // Code 2 (position unavailable) often comes first and then positions follow: keep watching.
  log("gps-error", error.code);
  if (error.code === 1) $("gps").textContent = text("denied");
}

async function keepAwake() {
  if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  try {
    state.wakeLock = await navigator.wakeLock.request("screen");
    log("wake-lock", "on");
  } catch (err) {
    log("wake-lock", "refused", err.name);
  }
}

function watch() {
  if (!("geolocation" in navigator)) { $("gps").textContent = text("denied"); return; }
  if (state.watch !== null) navigator.geolocation.clearWatch(state.watch);
  state.watch = navigator.geolocation.watchPosition(onPosition, onPositionError,
    { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 });
}

function start() {
  state.started = true;
  $("welcome").hidden = true;
  $("guide").hidden = false;
  $("gps").textContent = text("waiting");
  // The click is the user gesture browsers require before any sound.
  const intro = state.tour.intro_audio[state.lang];
  if (intro) { $("player").src = intro; $("player").play().catch(() => {}); }
  watch();
  keepAwake();
  renderNext();
  log("started");
}

document.addEventListener("visibilitychange", () => {
  // Background tabs get no positions and lose the wake lock: ask again on return.
  if (document.visibilityState === "visible" && state.started) { keepAwake(); watch(); }
});

async function ask(event) {
  event.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  if (!navigator.onLine) { $("answer").textContent = text("offline"); return; }
  $("answer").textContent = text("thinking");
  try {
    const response = await fetch("api/ask", { method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, lang: state.lang }) });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    $("answer").textContent = data.answer;
  } catch (err) {
    $("answer").textContent = navigator.onLine ? text("error") : text("offline");
  }
}

async function main() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("sw.js").then(() => log("sw", "registered"),
      (err) => log("sw", "failed", err.name));
  }
  state.tour = await (await fetch("tour.json")).json();
  const saved = localStorage.getItem("guichet-tour-lang");
  const browser = (navigator.language || "fr").slice(0, 2);
  state.lang = [saved, browser].find((l) => l && state.tour.languages.includes(l)) ||
               state.tour.languages[0];
  state.played = new Set(JSON.parse(localStorage.getItem(storageKey()) || "[]"));
  state.fence = new Geofence(state.tour.stops.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon,
    radius: s.radius, exit_radius: s.exit_radius, requires: s.requires, mode: s.mode })),
    [...state.played]);
  const select = $("lang");
  for (const lang of state.tour.languages) {
    const option = document.createElement("option");
    option.value = lang; option.textContent = lang.toUpperCase();
    select.appendChild(option);
  }
  select.value = state.lang;
  select.addEventListener("change", () => {
    state.lang = select.value;
    localStorage.setItem("guichet-tour-lang", state.lang);
    translate();
  });
  $("start").addEventListener("click", start);
  $("play").addEventListener("click", () => { const stop = nextStop(); if (stop) enter(stop.id, "manual"); });
  $("skip").addEventListener("click", () => {
    const stop = nextStop();
    if (stop) {
      state.fence.markPlayed(stop.id);
      state.played.add(stop.id); savePlayed(); log("skip", stop.id); renderStops(); renderNext();
    }
  });
  $("player").addEventListener("play", () => log("play", $("player").dataset.stop || "intro", state.lang));
  $("ask-form").addEventListener("submit", ask);
  translate();
  log("ready", state.tour.id);
}

main();
