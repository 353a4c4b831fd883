// The audible cue: a short two-tone beep made with WebAudio (no sound file to fetch).
let context = null;
let enabled = true;

// Browsers start audio only after a user gesture; the first click or key unlocks it.
export function unlockOnGesture(onUnlock = () => {}) {
  const unlock = () => {
    ensure();
    onUnlock();
    removeEventListener("pointerdown", unlock);
    removeEventListener("keydown", unlock);
  };
  addEventListener("pointerdown", unlock);
  addEventListener("keydown", unlock);
}

function ensure() {
  if (!context) context = new AudioContext();
  if (context.state === "suspended") context.resume().catch(() => {});
  return context;
}

export function setEnabled(on) {
  enabled = on;
}

// Plays the cue; false when the browser holds sound back until the person clicks.
export function beep() {
  if (!enabled) return true;
  const ctx = ensure();
  const start = ctx.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 1320],
  ]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.16);
  }
  return ctx.state === "running";
}
