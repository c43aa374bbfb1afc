// The phone page of an audio trail: distance and bearing, GPS errors, compass heading,
// screen wake lock.
// Loaded before app.js, which holds the state and the helpers used here ($, text, log);
// these functions run once it has.
"use strict";

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

function onPositionError(error) {
  // Code 2 (position unavailable) often comes first and then positions follow: keep watching.
  log("gps-error", error.code);
  if (error.code === 1) $("gps").textContent = text("denied");
}

function onOrientation(event) {
  // iOS gives the compass heading; Android's absolute orientation gives alpha from north.
  let heading = null;
  if (typeof event.webkitCompassHeading === "number") heading = event.webkitCompassHeading;
  else if (event.absolute && typeof event.alpha === "number") heading = (360 - event.alpha) % 360;
  if (heading === null) return;
  if (state.heading === null) log("compass", "on");
  state.heading = heading;
  renderNext();
}

function listenCompass() {
  window.addEventListener("deviceorientationabsolute", onOrientation);
  window.addEventListener("deviceorientation", onOrientation);
  const ask = window.DeviceOrientationEvent && DeviceOrientationEvent.requestPermission;
  if (typeof ask === "function") {  // iOS: only from a tap, which start() is
    ask.call(DeviceOrientationEvent).then((answer) => log("compass-permission", answer),
                                          (err) => log("compass-permission", err.name));
  }
}

function showWake(kind) {
  $("wake").textContent = text(kind);
  $("wake").dataset.state = kind;
  log("wake-lock", { wakeOn: "on", wakeOff: "off", wakeNone: "unsupported" }[kind]);
}

async function keepAwake() {
  if (!("wakeLock" in navigator)) { showWake("wakeNone"); return; }
  if (document.visibilityState !== "visible") return;
  try {
    state.wakeLock = await navigator.wakeLock.request("screen");
    state.wakeLock.addEventListener("release", () => showWake("wakeOff"));
    showWake("wakeOn");
  } catch (err) {
    log("wake-lock-refused", err.name);
    showWake("wakeOff");
  }
}

function watch() {
  if (!("geolocation" in navigator)) { $("gps").textContent = text("denied"); return; }
  if (state.watch !== null) navigator.geolocation.clearWatch(state.watch);
  state.watch = navigator.geolocation.watchPosition(onPosition, onPositionError,
    { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 });
}
