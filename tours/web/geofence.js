/*
 * The audio trail's geofence, in the phone: which stop to play, from GPS fixes.
 *
 * The SAME rules as tours/geofence.py (read its docstring for the full text); both must
 * pass tours/vectors/geofence.json, so change the two together, and the vectors.
 *   1. A fix less accurate than a zone's radius is ignored for that zone.
 *   2. Every fix is checked against the last accepted one: rejected when farther than the
 *      tour's travel mode covers in the time between them (walk 3, cycle 12, drive 40 m/s)
 *      + 2 x sqrt(acc1² + acc2²). Rejected fixes, each plausible from the previous one,
 *      form a track (else it restarts); 3 of them spanning >= 10 s: the last is accepted.
 *      An accepted fix vaguer than the reference grown since (acc > ref acc + speed x dt)
 *      does not replace the reference.
 *   3. Enter after 2 fixes within the radius; leave after 2 fixes whose distance minus
 *      accuracy is beyond the exit radius (default radius + max(10 %, 20 m)): the whole
 *      accuracy circle out (5-min stands at the edge, 15 m noise: 97 % -> 0.9 % flapping).
 *      Any other fix breaks the streak; nothing changes in between.
 *   4. One current zone: among the zones whose entry holds, and the current one, the
 *      closest centre wins (tie: listed first); exit of the old zone comes first.
 *   5. "enter" only if not played (unless mode "resume") and all `requires` played;
 *      otherwise the zone is current silently. Leaving the current zone emits "exit".
 *      Played: entered, restored (`played`), or played by hand (markPlayed, no event).
 *   6. Haversine on a sphere of 6,371,008.8 m, same operations as the Python.
 *
 * Plain ES2017, no dependencies: window.Geofence in the page, module.exports in Node.
 *   const fence = new Geofence(zones, played, travel);  // zones: {id, lat, lon, radius,
 *                                                 //   exit_radius, requires, mode};
 *                                                 // travel: tour.json's "travel" (walk)
 *   fence.update({lat, lon, accuracy, t})
 *     -> [{kind: "enter" | "exit", stop, t}]      // t in seconds, any epoch
 *   fence.markPlayed(id)                          // "Play"/"Skip" by hand: counts as
 *                                                 //   played, no event; unknown id: Error
 *   fence.inside -> stop id or null; fence.played -> array of stop ids
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.Geofence = api.Geofence;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const EARTH_RADIUS = 6371008.8;
  const TRAVEL_SPEEDS = { walk: 3.0, cycle: 12.0, drive: 40.0 };
  const TRAVEL_DEFAULT = "walk";
  const ACCURACY_SLACK = 2.0;
  const AGREEING_TO_ACCEPT = 3;
  const RECOVER_AFTER = 10.0;
  const STREAK = 2;
  const MODES = ["once", "resume"];
  const RAD = Math.PI / 180;

  // Same operations in the same order as distance() in content/mobility/geo.py (the
  // geofence's in Python): identical doubles.
  function distance(lat1, lon1, lat2, lon2) {
    const phi1 = lat1 * RAD;
    const phi2 = lat2 * RAD;
    const halfDphi = (phi2 - phi1) / 2;
    const halfDlambda = (lon2 * RAD - lon1 * RAD) / 2;
    const sPhi = Math.sin(halfDphi);
    const sLambda = Math.sin(halfDlambda);
    const a = sPhi * sPhi + Math.cos(phi1) * Math.cos(phi2) * sLambda * sLambda;
    return 2 * EARTH_RADIUS * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }

  function leaveRadius(zone) {
    if (zone.exit_radius !== null && zone.exit_radius !== undefined) return zone.exit_radius;
    return zone.radius + Math.max(0.1 * zone.radius, 20.0);
  }

  function checkZone(raw) {
    const zone = {
      id: String(raw.id),
      lat: Number(raw.lat),
      lon: Number(raw.lon),
      radius: Number(raw.radius),
      exit_radius: raw.exit_radius === null || raw.exit_radius === undefined
        ? null : Number(raw.exit_radius),
      requires: (raw.requires || []).map(String),
      mode: raw.mode || "once",
    };
    const where = "zone " + JSON.stringify(zone.id) + ": ";
    if (!(zone.lat >= -90 && zone.lat <= 90 && zone.lon >= -180 && zone.lon <= 180)) {
      throw new Error(where + "invalid coordinates " + zone.lat + ", " + zone.lon);
    }
    if (!(zone.radius > 0)) throw new Error(where + "radius must be > 0 m");
    if (zone.exit_radius !== null && !(zone.exit_radius >= zone.radius)) {
      throw new Error(where + "exit_radius is smaller than the radius");
    }
    if (MODES.indexOf(zone.mode) < 0) throw new Error(where + "unknown mode " + zone.mode);
    zone.leave = leaveRadius(zone);
    return zone;
  }

  // Rule 2: can `after` follow `before` at `speed` m/s, given both accuracies?
  function plausible(before, after, speed) {
    const d = distance(before.lat, before.lon, after.lat, after.lon);
    const slack = ACCURACY_SLACK * Math.sqrt(before.accuracy * before.accuracy
                                             + after.accuracy * after.accuracy);
    return d <= speed * Math.max(0.0, after.t - before.t) + slack;
  }

  class Geofence {
    constructor(zones, played, travel) {
      const mode = travel === undefined || travel === null ? TRAVEL_DEFAULT : String(travel);
      if (!Object.prototype.hasOwnProperty.call(TRAVEL_SPEEDS, mode)) {
        throw new Error("travel mode must be one of " + Object.keys(TRAVEL_SPEEDS).join(", ")
                        + ", not " + JSON.stringify(travel));
      }
      this._speed = TRAVEL_SPEEDS[mode];
      this._zones = (zones || []).map(checkZone);
      const ids = this._zones.map((z) => z.id);
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) throw new Error("duplicate zone id " + id);
      });
      this._zones.forEach((z) => {
        const unknown = z.requires.filter((r) => ids.indexOf(r) < 0);
        if (unknown.length) {
          throw new Error("zone " + z.id + " requires unknown stops " + unknown.join(", "));
        }
      });
      this._played = new Set(played || []);
      this._inside = null;
      this._inStreak = {};
      ids.forEach((id) => { this._inStreak[id] = 0; });
      this._outStreak = 0; // only the current zone can be left
      this._reference = null;
      this._rejected = [];
    }

    get inside() { return this._inside; }

    get played() { return Array.from(this._played); }

    // A stop played by hand ("Play"/"Skip"): played for `once` and `requires`, no event;
    // the current zone and the streaks are untouched. Unknown id: Error.
    markPlayed(id) {
      const stop = String(id);
      if (!this._zones.some((z) => z.id === stop)) {
        throw new Error("markPlayed: unknown stop " + JSON.stringify(id));
      }
      this._played.add(stop);
    }

    update(fix) {
      if (!this._accept(fix)) return [];
      const distances = this._zones.map((z) => distance(z.lat, z.lon, fix.lat, fix.lon));
      this._zones.forEach((zone, i) => {
        const d = distances[i];
        if (fix.accuracy > zone.radius) return; // rule 1: too vague for this zone
        this._inStreak[zone.id] = d <= zone.radius ? this._inStreak[zone.id] + 1 : 0;
        if (zone.id === this._inside) { // rule 3: all of the accuracy circle beyond
          const outside = d - fix.accuracy > zone.leave;
          this._outStreak = outside ? this._outStreak + 1 : 0;
        }
      });

      const events = [];
      if (this._inside !== null && this._outStreak >= STREAK) {
        events.push({ kind: "exit", stop: this._inside, t: fix.t });
        this._inside = null;
      }

      let winner = null;
      let best = Infinity;
      this._zones.forEach((zone, i) => {
        const candidate = zone.id === this._inside || this._inStreak[zone.id] >= STREAK;
        if (candidate && distances[i] < best) {
          winner = zone;
          best = distances[i];
        }
      });
      if (winner !== null && winner.id !== this._inside) {
        if (this._inside !== null) events.push({ kind: "exit", stop: this._inside, t: fix.t });
        this._enter(winner, fix.t, events);
      }
      return events;
    }

    _enter(zone, t, events) {
      this._inside = zone.id;
      this._outStreak = 0;
      if (this._played.has(zone.id) && zone.mode !== "resume") return;
      if (zone.requires.some((r) => !this._played.has(r))) return;
      this._played.add(zone.id);
      events.push({ kind: "enter", stop: zone.id, t: t });
    }

    // Rule 2: is this fix believable, given the last accepted one?
    _accept(fix) {
      const ref = this._reference;
      if (ref !== null && !plausible(ref, fix, this._speed)) {
        let track = this._rejected;
        if (track.length && plausible(track[track.length - 1], fix, this._speed)) {
          track.push(fix);
        } else {
          track = [fix];
          this._rejected = track;
        }
        if (track.length < AGREEING_TO_ACCEPT
            || track[track.length - 1].t - track[0].t < RECOVER_AFTER) return false;
      } else if (ref !== null && fix.accuracy > ref.accuracy + this._speed * Math.max(
        0.0, fix.t - ref.t)) {
        this._rejected = [];
        return true; // vaguer than the reference grown since: it stays the reference
      }
      this._reference = fix;
      this._rejected = [];
      return true;
    }
  }

  Geofence.distance = distance;
  Geofence.TRAVEL_SPEEDS = TRAVEL_SPEEDS;
  return { Geofence: Geofence, distance: distance, TRAVEL_SPEEDS: TRAVEL_SPEEDS };
});
