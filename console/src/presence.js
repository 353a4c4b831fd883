// The agent's presence: an Available/Away switch, and the status the server says it is in
// (busy on a transfer, wrapping up, offline without a console, set away after missed offers).
import { byId, show } from "./dom.js";
import { duration } from "./format.js";

const WORDS = {
  available: "Available: transfers are offered to you",
  away: "Away: no transfers are offered to you",
  busy: "Busy: on a transfer",
  wrap_up: "Wrapping up",
  offline: "Offline",
};

export function startPresence(ctx) {
  const box = byId("presence");
  const buttons = [byId("presence-available"), byId("presence-away")];
  let current = null;

  function paint(presence) {
    current = presence;
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(presence.chosen === button.dataset.status));
    }
    let words = WORDS[presence.status] || presence.status;
    if (presence.status === "wrap_up" && presence.wrap_up_until) {
      const left = (Date.parse(presence.wrap_up_until) - Date.now()) / 1000;
      words = `Wrapping up: available again in ${duration(left)}`;
    }
    if (presence.status === "away" && presence.away_reason === "missed_offers") {
      words = "Set away: offers to you ran out unanswered. Choose Available when you are back.";
    }
    byId("presence-status").textContent = words;
  }

  for (const button of buttons) {
    button.onclick = async () => {
      button.disabled = true;
      try {
        paint(await ctx.api.put("/agents/me/status", { body: { status: button.dataset.status } }));
        ctx.announce(WORDS[button.dataset.status]);
      } catch (error) {
        byId("presence-status").textContent = `Could not change your status: ${error.message}`;
      } finally {
        button.disabled = false;
      }
    };
  }
  show(box, true);
  // A wrap-up's countdown.
  setInterval(() => current && current.status === "wrap_up" && paint(current), 1000);
  return {
    paint,
    load: async () => {
      const me = await ctx.api.get("/agents/me");
      paint(me);
      return me;
    },
  };
}
