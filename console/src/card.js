// The briefing card: what the receiving agent reads before saying hello, its moves, the call.
import { allowed, isPending, move } from "./actions.js";
import { h } from "./dom.js";
import { clock, person, STATUS_WORDS } from "./format.js";
import { callControls } from "./join.js";
import { waitView } from "./wait.js";

const LABELS = { accept: "Accept", complete: "Complete", cancel: "Cancel", decline: "Decline" };
const messages = new Map(); // transfer_id -> last action's words
let speaking = null; // transfer_id being read aloud

const SENTIMENT = {
  positive: "Positive",
  neutral: "Neutral",
  negative: "Unhappy",
  upset: "Upset",
};

export function renderCard(root, transfer, ctx) {
  const focused = document.activeElement;
  const focusKey = root.contains(focused) ? focused.dataset.key : null;
  const b = transfer.briefing;
  // The briefing's own words are marked with their language, so a screen reader says them right.
  const lang = transfer.briefing_language || undefined;
  const customer = b.customer || {};
  const provider =
    transfer.briefing_provider === "groq"
      ? "Written by Groq."
      : `Written offline${transfer.briefing_fallback_reason ? `: ${offlineWhy(transfer.briefing_fallback_reason)}` : "."}`;
  const direction =
    transfer.to_agent === ctx.me.sub
      ? `From ${transfer.from_agent ? person(transfer.from_agent) : "the AI agent"}`
      : `To ${transfer.to_agent ? person(transfer.to_agent) : "any agent"}`;

  // Parts that have nothing to show are null: left out, never printed as "null".
  const parts = [
    h(
      "div",
      { class: "card-head" },
      h("p", { class: `badge status-${transfer.status}` }, STATUS_WORDS[transfer.status]),
      h("h2", { id: "card-title", tabindex: "-1", lang, dataset: { key: "title" } }, b.headline),
      h("p", { class: "muted" }, `${direction} at ${clock(transfer.created_at)}`),
    ),
    waitView(transfer, ctx.config.accept_timeout_seconds),
    actionBar(transfer, ctx),
    h("p", { class: "action-result", role: "status", id: "action-result" }, messages.get(transfer.transfer_id) || ""),
    h(
      "dl",
      { class: "facts" },
      fact("Reason", b.reason || transfer.reason || "Not given", true),
      fact("Customer", customer.name || "Unknown"),
      fact("Phone", customer.phone || "Not given"),
      fact("Account", customer.account || "Not given"),
      fact("Sentiment", h("span", { class: `sentiment sentiment-${b.sentiment}` }, SENTIMENT[b.sentiment] || b.sentiment)),
    ),
    list("Key facts", "ul", b.key_facts, lang),
    list("Next steps", "ol", b.next_steps, lang),
    h(
      "div",
      { class: "spoken" },
      h("h3", {}, "Spoken briefing"),
      h("blockquote", { lang }, b.spoken),
      readAloud(transfer),
    ),
    corrections(transfer.briefing_corrections),
    h("p", { class: "provider muted" }, provider, languages(transfer)),
    callControls(transfer, ctx),
  ];
  root.replaceChildren(...parts.filter(Boolean));
  if (focusKey) {
    const again = root.querySelector(`[data-key="${focusKey}"]`);
    (again && !again.disabled ? again : root.querySelector("#card-title")).focus();
  }
}

function offlineWhy(reason) {
  const [code, ...rest] = reason.split(": ");
  const words = {
    not_configured: "Groq is not configured",
    rate_limited: "Groq was rate-limited",
    upstream_error: "Groq failed",
    request_rejected: "Groq refused the request",
    timeout: "Groq timed out",
    budget_exceeded: "Groq took too long",
    connection_error: "Groq could not be reached",
    invalid_json: "Groq's answer was not valid JSON",
    invalid_output: "Groq's answer was incomplete",
    invalid_response: "Groq's answer could not be read",
  };
  const detail = rest.join(": ");
  return `${words[code] || code}${detail ? ` (${detail})` : ""}.`;
}

function fact(term, value, wide = false) {
  return h("div", { class: wide ? "fact wide" : "fact" }, h("dt", {}, term), h("dd", {}, value));
}

function list(title, tag, items, lang) {
  return h(
    "div",
    { class: "list" },
    h("h3", {}, title),
    items && items.length ? h(tag, { lang }, items.map((item) => h("li", {}, item))) : h("p", { class: "muted" }, "None."),
  );
}

// What a fact check correction names (BriefingCorrection.kind) and where it was (.where).
const KINDS = {
  id: "the number",
  phone: "the phone number",
  email: "the email address",
  amount: "the amount",
  name: "the name",
  date: "the date",
  reference: "the reference",
};
const PLACES = {
  headline: "the headline",
  reason: "the reason",
  spoken: "the spoken briefing",
  key_facts: "the key facts",
  next_steps: "the next steps",
  "customer.name": "the customer's name",
  "customer.phone": "the phone field",
  "customer.account": "the account field",
};

function correctionText(fix) {
  const what = `${KINDS[fix.kind] || `the ${fix.kind} number`} ${fix.value}`;
  const where = PLACES[fix.where] || fix.where;
  return fix.action === "removed"
    ? `Removed from the AI's briefing: ${what} (not in the call; it was in ${where}).`
    : `Added back: ${what} (said in the call but missing from the AI's briefing; now in ${where}).`;
}

// The fact check's changes to the LLM's briefing: the agent knows what the AI got wrong.
function corrections(fixes) {
  if (!fixes || !fixes.length) return null;
  return h(
    "section",
    { class: "corrections", "aria-labelledby": "corrections-title" },
    h("h3", { id: "corrections-title" }, "Checked against the call"),
    h("ul", {}, fixes.map((fix) => h("li", {}, correctionText(fix)))),
  );
}

// The languages, in words ("Briefing in Spanish; the caller spoke German.").
function languages(transfer) {
  const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
  const name = (tag) => {
    try {
      return names.of(tag);
    } catch {
      return tag;
    }
  };
  const parts = [];
  if (transfer.briefing_language) parts.push(`Briefing in ${name(transfer.briefing_language)}`);
  const spoke = transfer.transcript_language;
  if (spoke && spoke !== "und") parts.push(`the caller spoke ${name(spoke)}`);
  return parts.length ? ` ${parts.join("; ")}.` : "";
}

function actionBar(transfer, ctx) {
  const moves = allowed(transfer, ctx.me);
  if (!moves.length) return h("div", { class: "actions" });
  return h(
    "div",
    { class: "actions", role: "group", "aria-label": "Transfer actions" },
    moves.map((action) =>
      h(
        "button",
        {
          type: "button",
          class: action === "cancel" || action === "decline" ? "danger" : "primary",
          dataset: { key: `move-${action}` },
          disabled: isPending(transfer.transfer_id, action),
          onclick: (event) => act(event.currentTarget, transfer, action, ctx),
        },
        LABELS[action],
      ),
    ),
  );
}

async function act(button, transfer, action, ctx) {
  const root = button.closest("#card");
  const hadFocus = document.activeElement === button;
  // Disabled at once: a double click sends one request.
  button.disabled = true;
  const pendingMove = move(ctx, transfer, action);
  messages.set(transfer.transfer_id, "Working…");
  const out = document.getElementById("action-result");
  if (out) out.textContent = "Working…";
  const result = await pendingMove;
  messages.set(transfer.transfer_id, result.text);
  ctx.refreshCard(transfer.transfer_id);
  if (result.ok) ctx.announce(result.text);
  // A disabled button loses focus: keep a keyboard user on the card, at the next move.
  if (hadFocus && root && !root.contains(document.activeElement)) {
    const next = root.querySelector(".actions button:not(:disabled)") || root.querySelector("#card-title");
    if (next) next.focus();
  }
}

function readAloud(transfer) {
  const reading = speaking === transfer.transfer_id;
  if (!("speechSynthesis" in window)) {
    return h("button", { type: "button", disabled: true }, "Read aloud (not supported by this browser)");
  }
  return h(
    "button",
    {
      type: "button",
      dataset: { key: "read" },
      onclick: (event) => {
        const button = event.currentTarget;
        speechSynthesis.cancel();
        if (speaking === transfer.transfer_id) {
          speaking = null;
          button.textContent = "Read aloud";
          return;
        }
        const utterance = new SpeechSynthesisUtterance(transfer.briefing.spoken);
        const done = () => {
          if (speaking !== transfer.transfer_id) return;
          speaking = null;
          button.textContent = "Read aloud";
        };
        utterance.addEventListener("end", done);
        utterance.addEventListener("error", done);
        speaking = transfer.transfer_id;
        button.textContent = "Stop reading";
        speechSynthesis.speak(utterance);
      },
    },
    reading ? "Stop reading" : "Read aloud",
  );
}
