// The agent console: sign-in, then the agent's live inbox and briefing card, or the
// supervisor's view. Everything the page shows comes from the API with the signed-in token.
import { createApi } from "./api.js";
import { renderCard } from "./card.js";
import * as cue from "./cue.js";
import { byId, h, show } from "./dom.js";
import { follow } from "./feed.js";
import { OPEN, person } from "./format.js";
import { renderInbox } from "./inbox.js";
import { startPresence } from "./presence.js";
import * as oidc from "./oidc.js";
import * as session from "./session.js";
import { startBoard } from "./board.js";
import { startSupervisor } from "./supervisor.js";

async function loadConfig() {
  const response = await fetch("/console/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error("The console's settings could not be loaded.");
  return response.json();
}

function showSignIn(config, message = "") {
  show(byId("sign-in"), true);
  byId("sign-in-error").textContent = message;
  const signIn = config && config.sign_in;
  if (signIn) {
    const button = byId("sign-in-provider");
    button.textContent = `Sign in with ${signIn.provider_name}`;
    button.onclick = () => {
      button.disabled = true;
      byId("sign-in-error").textContent = "";
      oidc.start(signIn).catch((error) => {
        button.disabled = false;
        byId("sign-in-error").textContent = error.message;
      });
    };
    show(byId("provider-sign-in"), true);
    show(byId("paste-intro"), false);
    // The provider is the way in; a pasted token is the fallback, so its button is plain.
    byId("sign-in-form").querySelector("button").classList.remove("primary");
  }
  const form = byId("sign-in-form");
  form.onsubmit = (event) => {
    event.preventDefault();
    const token = byId("token").value.trim();
    try {
      session.readClaims(token, config || {});
    } catch (error) {
      byId("sign-in-error").textContent = error.message;
      byId("token").focus();
      return;
    }
    session.save(token);
    location.reload();
  };
}

function signOut(message) {
  session.forget();
  oidc.forget();
  if (message) sessionStorage.setItem("warm-transfer.message", message);
  location.reload();
}

const SOUND_WORDS = { true: "Sound on · click to mute", false: "Sound off · click to turn on" };

// Why an offer left this agent's inbox, by the event that ended it.
const OFFER_ENDED = {
  "transfer.accepted": "another agent took it",
  "transfer.declined": "you declined it",
  "transfer.offer_timed_out": "it ran out unanswered",
  "transfer.overflowed": "it moved to another queue",
  "transfer.abandoned": "the caller hung up",
  "transfer.cancelled": "it was cancelled",
  "transfer.expired": "nobody took it in time",
};

// setTimeout's longest delay (about 24.8 days); a longer-lived token is checked again then.
const MAX_DELAY = 2 ** 31 - 1;

function signOutAtExpiry(claims) {
  if (!claims.exp) return;
  const left = claims.exp * 1000 - Date.now();
  setTimeout(
    () => (left > MAX_DELAY ? signOutAtExpiry(claims) : signOut("Your sign-in has expired: sign in again.")),
    Math.min(left, MAX_DELAY),
  );
}

function header(claims) {
  const who = byId("who");
  who.textContent = `Signed in as ${person(claims.sub)} (${claims.role})`;
  show(who, true);
  const out = byId("sign-out");
  out.onclick = () => signOut();
  show(out, true);
}

function announce(text) {
  const live = byId("announce");
  live.textContent = "";
  // A fresh text node makes screen readers speak the same words again.
  setTimeout(() => (live.textContent = text), 50);
}

function startAgent(ctx) {
  const transfers = new Map();
  const list = byId("inbox-list");
  const card = byId("card");
  const status = byId("feed-status");
  let loaded = false;
  ctx.unread = new Set();
  ctx.selected = null;

  const sound = byId("sound");
  show(sound, true);
  sound.onclick = () => {
    // A click on "Sound blocked" is the gesture that allows sound, not a toggle.
    if (sound.dataset.blocked) {
      delete sound.dataset.blocked;
      sound.textContent = SOUND_WORDS.true;
      return;
    }
    const on = sound.getAttribute("aria-pressed") !== "true";
    sound.setAttribute("aria-pressed", String(on));
    // The label says what the sound is and what a click does.
    sound.textContent = SOUND_WORDS[on];
    cue.setEnabled(on);
  };
  const presence = startPresence(ctx);

  function paint() {
    renderInbox(list, transfers.values(), ctx);
    byId("inbox-count").textContent = transfers.size ? `(${transfers.size})` : "";
    show(byId("inbox-empty"), transfers.size === 0);
    const open = [...ctx.unread].length;
    document.title = `${open ? `(${open}) ` : ""}Agent console · warm-transfer`;
  }

  ctx.refreshCard = (id) => {
    if (ctx.selected === id && transfers.has(id)) renderCard(card, transfers.get(id), ctx);
  };

  ctx.select = (id) => {
    ctx.selected = id;
    ctx.unread.delete(id);
    renderCard(card, transfers.get(id), ctx);
    paint();
    byId("card-title").focus();
  };

  // A queue's transfer that is no longer offered to this agent (nor taken by it) leaves the
  // inbox, with the words why.
  function offerEnded(transfer, why) {
    transfers.delete(transfer.transfer_id);
    ctx.unread.delete(transfer.transfer_id);
    const words = `Offer ended: ${why} (${transfer.briefing.headline})`;
    if (ctx.selected === transfer.transfer_id) {
      ctx.selected = null;
      card.replaceChildren(h("p", { class: "offer-ended", role: "status" }, words));
    }
    announce(words);
    paint();
  }

  ctx.upsert = (transfer, eventType = "") => {
    const known = transfers.get(transfer.transfer_id);
    if (known && known.version > transfer.version) return;
    const me = ctx.me.sub;
    const offeredToMe = (transfer.offered_to || []).includes(me);
    const queued = transfer.queue && transfer.to_agent !== me && transfer.from_agent !== me;
    if (queued && !offeredToMe) {
      if (known) offerEnded(transfer, OFFER_ENDED[eventType] || "it went to another agent");
      return;
    }
    transfers.set(transfer.transfer_id, transfer);
    const forMe = transfer.to_agent === ctx.me.sub || !transfer.to_agent;
    if (!known && loaded && offeredToMe) {
      ctx.unread.add(transfer.transfer_id);
      if (!cue.beep()) {
        sound.dataset.blocked = "1";
        sound.textContent = "Sound blocked: click to allow";
      }
      announce(`New offer: ${transfer.briefing.headline}`);
      paint();
      // Nothing else open: the offer's briefing opens at once, its Accept ready.
      if (ctx.selected === null || !transfers.has(ctx.selected)) ctx.select(transfer.transfer_id);
      return;
    }
    if (!known && loaded && forMe && transfer.status === "initiated") {
      ctx.unread.add(transfer.transfer_id);
      if (!cue.beep()) {
        sound.dataset.blocked = "1";
        sound.textContent = "Sound blocked: click to allow";
      }
      announce(`New transfer: ${transfer.briefing.headline}`);
    } else if (known && known.status !== transfer.status && ctx.selected !== transfer.transfer_id) {
      announce(`${transfer.briefing.headline}: now ${transfer.status}.`);
    }
    paint();
    ctx.refreshCard(transfer.transfer_id);
  };

  async function refresh() {
    const page = await ctx.api.get("/transfers?limit=50");
    // Transfers the agent sent are not in its inbox: re-read the open ones it knows.
    const sent = [...transfers.values()].filter(
      (t) => t.from_agent === ctx.me.sub && t.to_agent !== ctx.me.sub && OPEN.has(t.status),
    );
    const again = await Promise.all(
      sent.map((t) => ctx.api.get(`/transfers/${encodeURIComponent(t.transfer_id)}`).catch(() => null)),
    );
    for (const t of [...page.items, ...again.filter(Boolean)]) ctx.upsert(t);
    // An offer is not in the inbox list (the transfer names no agent yet): ask for it.
    const status = await presence.load();
    if (status.offer_transfer_id && !transfers.has(status.offer_transfer_id)) {
      const offered = await ctx.api
        .get(`/transfers/${encodeURIComponent(status.offer_transfer_id)}`)
        .catch(() => null);
      if (offered) ctx.upsert(offered);
    }
    if (!loaded) {
      loaded = true;
      paint();
    }
  }

  show(byId("agent-view"), true);
  show(status, true);
  follow(ctx, status, {
    refresh,
    onEvent: (event) =>
      event.type === "agent.status_changed" ? presence.paint(event.data) : ctx.upsert(event.data, event.type),
  });
}

// A sign-in coming back from the provider: its token kept like a pasted one, or the words
// saying why there is none.
async function returnFromProvider(config) {
  const answer = oidc.answerInAddress();
  if (!answer) return "";
  if (!config.sign_in) {
    history.replaceState(null, "", location.pathname + location.hash);
    return "Signing in with an identity provider is not set up for this console.";
  }
  try {
    session.save(await oidc.finish(config.sign_in, answer));
    return "";
  } catch (error) {
    session.forget();
    return error.message;
  }
}

async function main() {
  cue.unlockOnGesture(() => (byId("sound").textContent = SOUND_WORDS.true));
  const fromAddress = session.tokenFromAddress();
  if (fromAddress) session.save(fromAddress);
  let message = sessionStorage.getItem("warm-transfer.message") || "";
  sessionStorage.removeItem("warm-transfer.message");
  const config = await loadConfig();
  message = (await returnFromProvider(config)) || message;
  const token = session.load();
  if (!token) return showSignIn(config, message);
  let claims;
  try {
    claims = session.readClaims(token, config);
  } catch (error) {
    session.forget();
    return showSignIn(config, error.message);
  }
  signOutAtExpiry(claims);
  const ctx = {
    token,
    me: { sub: claims.sub, role: claims.role },
    config,
    api: createApi(token, () => signOut("The server did not accept your token: sign in again.")),
    announce,
    fail: (error) => {
      const status = byId("feed-status");
      show(status, true);
      status.textContent = `Could not load transfers: ${error.message}`;
    },
  };
  header(claims);
  if (claims.role === "supervisor") {
    show(byId("supervisor-view"), true);
    show(byId("feed-status"), true);
    ctx.refreshCard = () => {};
    ctx.upsert = () => {};
    show(byId("board-view"), true);
    const board = startBoard(ctx, byId("board"));
    startSupervisor(ctx, {
      form: byId("sup-filters"),
      groups: byId("sup-groups"),
      callbacks: byId("sup-callbacks"),
      status: byId("feed-status"),
      board,
    });
  } else {
    startAgent(ctx);
  }
}

main().catch((error) => showSignIn(null, error.message));
