// Narrations as a queue: one plays to its end; what comes meanwhile waits its turn.
// A narration is "in progress" from its start until it ends or fails, paused or not:
// a stop entered while the tourist paused waits too. Only the tourist's own choice
// ("Now") interrupts one.
"use strict";

class NarrationQueue {
  // hooks: started(item), ended(item), queued(item), failed(item, error),
  //        blocked(item): the browser wants a tap before this sound (resume() in it)
  constructor(audio, hooks) {
    this.audio = audio;
    this.hooks = hooks;
    this.current = null;
    this.waiting = [];
    this.starts = 0;  // which start() a play() promise belongs to
    audio.addEventListener("ended", () => this.finish());
    audio.addEventListener("error", () => {
      if (this.current) { this.hooks.failed(this.current, "media-error"); this.finish(); }
    });
  }

  get busy() { return this.current !== null; }

  has(id) {
    return (this.current && this.current.id === id) || this.waiting.some((i) => i.id === id);
  }

  // A stop entered by GPS (or the intro): now if nothing plays, else after the others.
  offer(item) {
    if (!this.busy) { this.start(item); return "playing"; }
    if (this.has(item.id)) return "already";
    this.waiting.push(item);
    this.hooks.queued(item);
    return "queued";
  }

  // The tourist's choice while a narration plays: replace it, or hear this one next.
  playNow(item) {
    this.waiting = this.waiting.filter((i) => i.id !== item.id);
    if (this.current) this.audio.pause();
    this.start(item);
  }

  playAfter(item) {
    if (!this.busy) { this.start(item); return; }
    this.waiting = [item, ...this.waiting.filter((i) => i.id !== item.id)];
    this.hooks.queued(item);
  }

  next() { return this.waiting[0] || null; }

  start(item) {
    const start = ++this.starts;
    this.current = item;
    this.audio.muted = false;
    this.audio.src = item.src;
    this.audio.dataset.stop = item.id;
    this.hooks.started(item);
    this.audio.play().catch((err) => {
      if (start !== this.starts) return;  // replaced by the next narration meanwhile
      this.hooks.failed(item, err.name);
      // Refused without a tap (iOS, autoplay rules): kept, played by resume() from a
      // tap. Anything else: this one is lost, the queue goes on.
      if (err.name === "NotAllowedError") this.hooks.blocked(item); else this.finish();
    });
  }

  // From a tap, after blocked(item): play what was refused.
  resume() {
    if (this.current) this.audio.play().catch((err) => this.hooks.failed(this.current, err.name));
  }

  // From a tap with nothing to play: browsers that let sound start only in a tap (iOS)
  // let this element play later ones by themselves. Muted, stopped at once.
  unlock(src) {
    if (this.busy || !src) return;
    this.audio.muted = true;
    this.audio.src = src;
    this.audio.dataset.stop = "";
    this.audio.play().then(() => { if (!this.busy) this.audio.pause(); }, () => {})
      .finally(() => { if (!this.busy) this.audio.muted = false; });
  }

  finish() {
    const done = this.current;
    this.current = null;
    if (done) this.hooks.ended(done);
    const following = this.waiting.shift();
    if (following) this.start(following);
  }
}
