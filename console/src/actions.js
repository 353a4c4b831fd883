// Accept / Complete / Cancel: one POST each with an Idempotency-Key, so a repeated click or a
// retry does the move once; a lost race (409) explained in words.
import { ApiError } from "./api.js";
import { duration, person } from "./format.js";

const keys = new Map(); // `${id}:${action}:${version}` -> Idempotency-Key
const pending = new Set(); // `${id}:${action}` while its request runs

const DONE = { accept: "accepted", complete: "completed", cancel: "cancelled", decline: "declined" };

// 128 random bits as hex (crypto.randomUUID needs a secure context; this does not).
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function isPending(id, action) {
  return pending.has(`${id}:${action}`);
}

// Which moves `me` may make on `transfer` (the API decides; this only shows the buttons).
export function allowed(transfer, me) {
  const open = transfer.status === "initiated" || transfer.status === "accepted";
  if (me.role === "supervisor") return open ? ["cancel"] : [];
  if (transfer.queue && transfer.status === "initiated" && !transfer.to_agent) {
    // A queue's transfer: only the agents holding its offer answer it.
    return (transfer.offered_to || []).includes(me.sub) ? ["accept", "decline"] : [];
  }
  const mine = transfer.to_agent === me.sub;
  const named = mine || transfer.from_agent === me.sub;
  const moves = [];
  if (transfer.status === "initiated" && (mine || !transfer.to_agent)) moves.push("accept");
  if (transfer.status === "accepted" && mine) moves.push("complete");
  if (open && named) moves.push("cancel");
  return moves;
}

// Runs `action`; resolves to {ok, text, transfer?}. Never throws.
export async function move(ctx, transfer, action) {
  const slot = `${transfer.transfer_id}:${action}`;
  if (pending.has(slot)) return { ok: false, text: "" };
  const keyName = `${slot}:${transfer.version}`;
  if (!keys.has(keyName)) keys.set(keyName, newKey());
  pending.add(slot);
  try {
    const updated = await ctx.api.post(`/transfers/${encodeURIComponent(transfer.transfer_id)}/${action}`, {
      key: keys.get(keyName),
    });
    ctx.upsert(updated, `transfer.${DONE[action]}`);
    return { ok: true, text: `You ${DONE[action]} the transfer.`, transfer: updated };
  } catch (error) {
    return { ok: false, text: await explain(ctx, transfer, action, error) };
  } finally {
    pending.delete(slot);
  }
}

async function explain(ctx, transfer, action, error) {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again.";
  if (error.status === 409 && error.problem.current_status) {
    let current = null;
    try {
      current = await ctx.api.get(`/transfers/${encodeURIComponent(transfer.transfer_id)}`);
      ctx.upsert(current);
    } catch {
      // The words below fall back to the status the 409 named.
    }
    return conflictWords(ctx, current, error.problem.current_status, action);
  }
  if (error.status === 0) return "Offline: the server could not be reached. Try again.";
  if (error.status === 404) return "This transfer is no longer yours to see.";
  if (error.status === 403) return `You may not ${action} this transfer.`;
  return error.message;
}

function conflictWords(ctx, current, status, action) {
  const last = current ? current.history[current.history.length - 1] : null;
  if (status === "expired") {
    const limit = duration(ctx.config.accept_timeout_seconds);
    return `Too late: the transfer expired because nobody accepted it within ${limit}.`;
  }
  const verb = DONE[{ accepted: "accept", completed: "complete", cancelled: "cancel" }[status]];
  if (last && last.status === status && verb) {
    if (last.by === ctx.me.sub) return `You already ${verb} it.`;
    const who = person(last.by);
    return `${who.charAt(0).toUpperCase()}${who.slice(1)} ${verb} it first.`;
  }
  // A transfer claimed by another agent: the 409 is all we may know.
  if (action === "accept" && status === "accepted") return "Another agent accepted it first.";
  if (status === "initiated") return "The offer to you has ended: it went to another agent.";
  return `It is already ${status}.`;
}
