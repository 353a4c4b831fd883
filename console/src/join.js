// "Join consult room" and "Join caller": a join token from POST /token, then livekit-client,
// loaded (and the microphone asked for) only when the agent clicks.
import { ApiError } from "./api.js";
import { h } from "./dom.js";

const NOT_CONFIGURED = "LiveKit is not configured";
const calls = new Map(); // transfer_id -> {room, which, muted}
const notes = new Map(); // transfer_id -> words about the call
let livekitOff = false;

export function callControls(transfer, ctx) {
  const open = transfer.status === "initiated" || transfer.status === "accepted";
  const call = calls.get(transfer.transfer_id);
  const box = h("div", { class: "call", role: "group", "aria-labelledby": "call-title" }, h("h3", { id: "call-title" }, "The call"));
  if (call) {
    box.append(
      h("p", { role: "status" }, `You are in the ${call.which === "consult" ? "consult room" : "caller's room"}.`),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", dataset: { key: "mute" }, "aria-pressed": call.muted ? "true" : "false", onclick: () => toggleMute(transfer, ctx) }, "Mute"),
        h("button", { type: "button", dataset: { key: "leave" }, onclick: () => leave(transfer, ctx) }, "Leave call"),
      ),
      h("div", { class: "audio", id: `audio-${transfer.transfer_id}` }),
    );
    return box;
  }
  if (!open) {
    box.append(h("p", { class: "muted" }, "The transfer is closed: there is no call to join."));
    return box;
  }
  const consult = joinButton(transfer, ctx, "consult", "Join consult room", consultBlocker(transfer));
  const caller = joinButton(transfer, ctx, "caller", "Join caller", callerBlocker(transfer, ctx.me));
  box.append(h("div", { class: "actions" }, consult, caller));
  box.append(h("p", { class: "call-note", role: "status" }, notes.get(transfer.transfer_id) || ""));
  return box;
}

function consultBlocker(transfer) {
  // Transfers carry rooms only when LiveKit is configured.
  if (livekitOff || !transfer.consult_room) return NOT_CONFIGURED;
  return null;
}

function callerBlocker(transfer, me) {
  if (livekitOff || !transfer.consult_room) return NOT_CONFIGURED;
  if (!transfer.caller_room) return "no caller room for this call";
  if (transfer.to_agent === me.sub && transfer.status !== "accepted") return "accept first";
  return null;
}

function joinButton(transfer, ctx, which, label, blocker) {
  return h(
    "button",
    {
      type: "button",
      dataset: { key: `join-${which}` },
      disabled: Boolean(blocker),
      onclick: (event) => join(event.currentTarget, transfer, ctx, which),
    },
    blocker ? `${label}: ${blocker}` : label,
  );
}

async function join(button, transfer, ctx, which) {
  button.disabled = true;
  const room = which === "consult" ? transfer.consult_room : transfer.caller_room;
  notes.set(transfer.transfer_id, "Joining…");
  ctx.refreshCard(transfer.transfer_id);
  try {
    const grant = await ctx.api.post("/token", { body: { room, transfer_id: transfer.transfer_id } });
    const { connect } = await import("./call.js");
    const audioHost = () => document.getElementById(`audio-${transfer.transfer_id}`);
    const call = { which, muted: false, room: null };
    call.room = await connect(grant.url, grant.token, audioHost, () => {
      calls.delete(transfer.transfer_id);
      ctx.refreshCard(transfer.transfer_id);
    });
    calls.set(transfer.transfer_id, call);
    notes.delete(transfer.transfer_id);
  } catch (error) {
    if (error instanceof ApiError && error.slug === "livekit-not-configured") {
      livekitOff = true;
      notes.set(transfer.transfer_id, "LiveKit is not configured on this server: calls cannot be joined from here.");
    } else if (error instanceof ApiError) {
      notes.set(transfer.transfer_id, `Could not join: ${error.message}`);
    } else {
      notes.set(transfer.transfer_id, `Could not join the call: ${error.message || error}`);
    }
  }
  ctx.refreshCard(transfer.transfer_id);
}

async function toggleMute(transfer, ctx) {
  const call = calls.get(transfer.transfer_id);
  if (!call) return;
  call.muted = !call.muted;
  await call.room.localParticipant.setMicrophoneEnabled(!call.muted);
  ctx.refreshCard(transfer.transfer_id);
}

async function leave(transfer, ctx) {
  const call = calls.get(transfer.transfer_id);
  calls.delete(transfer.transfer_id);
  if (call) await call.room.disconnect();
  ctx.refreshCard(transfer.transfer_id);
}
