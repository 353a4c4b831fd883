// The supervisor's view: transfers by status with wait times, filtered; cancel from here;
// callbacks callers asked for (call.callback_requested) since the page opened.
import { move } from "./actions.js";
import { h } from "./dom.js";
import { follow } from "./feed.js";
import { clock, person, STATUS_WORDS } from "./format.js";
import { waitView } from "./wait.js";

const OPEN_GROUPS = ["initiated", "accepted"];

export function startSupervisor(ctx, { form, groups, callbacks, status, board }) {
  const words = new Map(); // transfer_id -> outcome of a cancel
  const asked = new Map(); // call_id -> its latest callback request (pushed, not listed)
  let current = { status: "open", agent: "" };
  let lists = {};

  // Loads overlap (a filter change, a burst of events, a poll): only the newest may render,
  // or a slower answer to an older filter would paint over the one the person chose.
  let latest = 0;

  async function load() {
    const mine = ++latest;
    const wanted = current.status === "open" ? OPEN_GROUPS : [current.status];
    const pages = await Promise.all(
      wanted.map((s) => {
        const query = new URLSearchParams({ status: s, limit: "100" });
        if (current.agent) query.set("agent", current.agent);
        return ctx.api.get(`/transfers?${query}`);
      }),
    );
    if (mine !== latest) return;
    lists = Object.fromEntries(wanted.map((s, i) => [s, pages[i].items]));
    render();
  }

  function render() {
    const focused = document.activeElement;
    const focusKey = groups.contains(focused) ? focused.dataset.key : null;
    groups.replaceChildren(
      ...Object.entries(lists).map(([s, items]) => {
        // The longest wait first: that caller needs someone soonest.
        const sorted = [...items].sort((a, b) => a.created_at.localeCompare(b.created_at));
        return h(
          "section",
          { class: "group", "aria-labelledby": `group-${s}` },
          h("h3", { id: `group-${s}` }, `${STATUS_WORDS[s]} (${items.length})`),
          sorted.length
            ? h("ul", { class: "sup-list" }, sorted.map((t) => row(t)))
            : h("p", { class: "muted" }, "None."),
        );
      }),
    );
    if (focusKey) {
      const again = groups.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again && !again.disabled) again.focus();
    }
  }

  function row(t) {
    const open = OPEN_GROUPS.includes(t.status);
    return h(
      "li",
      { class: `row status-${t.status}` },
      h(
        "div",
        { class: "row-main" },
        h("span", { class: "row-title" }, t.briefing.headline),
        h(
          "span",
          { class: "muted" },
          `To ${t.to_agent ? person(t.to_agent) : "any agent"}${t.from_agent ? ` · from ${person(t.from_agent)}` : ""}`,
        ),
        waitView(t, ctx.config.accept_timeout_seconds, { compact: true }),
        words.has(t.transfer_id) ? h("p", { role: "status" }, words.get(t.transfer_id)) : null,
      ),
      open
        ? h(
            "button",
            {
              type: "button",
              class: "danger",
              dataset: { key: `cancel-${t.transfer_id}` },
              "aria-describedby": `desc-${t.transfer_id}`,
              onclick: async (event) => {
                event.currentTarget.disabled = true;
                const result = await move(ctx, t, "cancel");
                words.set(t.transfer_id, result.text);
                if (result.ok) ctx.announce(result.text);
                await load().catch(() => render());
              },
            },
            "Cancel",
          )
        : null,
      h("span", { id: `desc-${t.transfer_id}`, class: "visually-hidden" }, t.briefing.headline),
    );
  }

  function renderCallbacks() {
    // The newest request first: the list is a to-do of people waiting to hear back.
    const items = [...asked.values()].sort((a, b) => b.requested_at.localeCompare(a.requested_at));
    callbacks.replaceChildren(
      h(
        "section",
        { class: "group", "aria-labelledby": "group-callbacks" },
        h("h3", { id: "group-callbacks" }, `Callbacks asked for (${items.length})`),
        items.length
          ? h(
              "ul",
              { class: "sup-list" },
              items.map((c) =>
                h(
                  "li",
                  { class: "row" },
                  h(
                    "div",
                    { class: "row-main" },
                    h("span", { class: "row-title" }, `Call back ${c.phone}`),
                    h(
                      "span",
                      { class: "muted" },
                      `${c.preferred_time ? `${c.preferred_time} · ` : ""}asked at ${clock(c.requested_at)} · call ${c.call_id}`,
                    ),
                  ),
                ),
              ),
            )
          : h("p", { class: "muted" }, "None."),
      ),
    );
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", () => {
    const data = new FormData(form);
    current = { status: data.get("status"), agent: String(data.get("agent") || "").trim() };
    load().catch((error) => ctx.fail(error));
  });
  renderCallbacks();
  // Supervisors hear every event: each one re-reads the lists (a burst, once).
  let soon = null;
  follow(ctx, status, {
    refresh: () => Promise.all([load(), board?.load()]),
    onEvent: (event) => {
      if (event.type === "call.callback_requested") {
        asked.set(event.data.call_id, event.data);
        renderCallbacks();
        ctx.announce(`Callback asked for: ${event.data.phone}`);
        return;
      }
      board?.onEvent();
      clearTimeout(soon);
      soon = setTimeout(() => load().catch((error) => ctx.fail(error)), 200);
    },
  });
}
