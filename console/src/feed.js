// Keeps the page's transfers current: live over the WebSocket while it is up; while it is
// down, polls GET /transfers and reconnects with exponential backoff (and jitter).
import { ApiError } from "./api.js";

const POLL_MS = 3000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
// API Gateway closes a socket idle for 10 minutes: a ping well inside that keeps it.
const PING_MS = 4 * 60 * 1000;

export function socketUrl(config, token) {
  const base = config.websocket_url
    ? new URL(config.websocket_url)
    : new URL("/ws", location.href.replace(/^http/, "ws"));
  base.searchParams.set("token", token);
  return base.toString();
}

// Loads once, then keeps `refresh` current through a Feed whose words go to `status`.
export function follow(ctx, status, { refresh, onEvent }) {
  const feed = new Feed({
    url: socketUrl(ctx.config, ctx.token),
    refresh,
    onEvent,
    onMode: ({ mode, text }) => {
      status.textContent = text;
      status.dataset.mode = mode;
    },
  });
  refresh().then(
    () => feed.start(),
    (error) => {
      ctx.fail(error);
      // A refused token signs the page out: no socket to open with it.
      if (!(error instanceof ApiError && error.status === 401)) feed.start();
    },
  );
  return feed;
}

export class Feed {
  // refresh(): fetch the current list (resolves when applied); onEvent(event): one pushed
  // change; onMode({mode, text}): what the page is doing, in words.
  constructor({ url, refresh, onEvent, onMode }) {
    this.url = url;
    this.refresh = refresh;
    this.onEvent = onEvent;
    this.onMode = onMode;
    this.attempt = 0;
    this.socket = null;
    this.pollTimer = null;
    this.retryTimer = null;
    this.retryAt = 0;
    this.countdown = null;
    this.stopped = false;
    this.unreachable = false;
    this.pinger = null;
  }

  start() {
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.countdown);
    this.stopPolling();
    if (this.socket) this.socket.close();
  }

  connect() {
    if (this.stopped) return;
    this.say("connecting", "Connecting to live updates…");
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.down();
      return;
    }
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      clearInterval(this.pinger);
      this.pinger = setInterval(() => socket.send(JSON.stringify({ action: "ping" })), PING_MS);
      clearInterval(this.countdown);
      this.stopPolling();
      this.say("live", "Live: changes arrive as they happen.");
      // Catch up on anything that changed while the socket was down.
      this.refresh().catch(() => {});
    });
    socket.addEventListener("message", (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      // Transfers, agents' status, calls (a callback asked for); not pongs.
      const data = event && event.data;
      if (data && (data.transfer_id || data.agent || data.call_id)) this.onEvent(event);
    });
    socket.addEventListener("close", () => {
      clearInterval(this.pinger);
      if (this.socket === socket) this.down();
    });
  }

  down() {
    this.socket = null;
    if (this.stopped) return;
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempt += 1;
    this.retryAt = Date.now() + delay;
    this.startPolling();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    clearInterval(this.countdown);
    const tell = () => {
      if (this.unreachable) return;
      const left = Math.max(1, Math.ceil((this.retryAt - Date.now()) / 1000));
      this.say(
        "polling",
        `Live updates down: checking every ${POLL_MS / 1000} s; reconnecting in ${left} s.`,
      );
    };
    tell();
    this.countdown = setInterval(tell, 1000);
  }

  startPolling() {
    if (this.pollTimer) return;
    this.poll();
    this.pollTimer = setInterval(() => this.poll(), POLL_MS);
  }

  poll() {
    this.refresh().then(
      () => (this.unreachable = false),
      () => {
        // Said once; the countdown's next tick restores the usual words after a success.
        this.unreachable = true;
        this.say("offline", `Cannot reach the server: trying again every ${POLL_MS / 1000} s.`);
      },
    );
  }

  stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  say(mode, text) {
    this.onMode({ mode, text });
  }
}
