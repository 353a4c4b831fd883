// The agent's inbox: transfers to the agent (and ones it sent), newest first.
import { h } from "./dom.js";
import { person, STATUS_WORDS } from "./format.js";
import { waitView } from "./wait.js";

export function renderInbox(list, transfers, ctx) {
  const focused = document.activeElement;
  const focusId = list.contains(focused) ? focused.dataset.id : null;
  const rows = [...transfers].sort((a, b) => b.created_at.localeCompare(a.created_at));
  list.replaceChildren(
    ...rows.map((t) => {
      const fresh = ctx.unread.has(t.transfer_id);
      const sent = t.to_agent !== ctx.me.sub && t.from_agent === ctx.me.sub;
      const customer = t.briefing.customer && t.briefing.customer.name;
      return h(
        "li",
        { class: `row status-${t.status}${fresh ? " fresh" : ""}` },
        h(
          "button",
          {
            type: "button",
            class: "row-open",
            dataset: { id: t.transfer_id },
            "aria-current": ctx.selected === t.transfer_id ? "true" : false,
            onclick: () => ctx.select(t.transfer_id),
          },
          h(
            "span",
            { class: "row-top" },
            fresh ? h("span", { class: "badge new" }, "New") : null,
            h("span", { class: `badge status-${t.status}` }, STATUS_WORDS[t.status]),
            sent ? h("span", { class: "muted" }, `Sent to ${person(t.to_agent)}`) : null,
          ),
          h("span", { class: "row-title" }, t.briefing.headline),
          customer ? h("span", { class: "muted" }, customer) : null,
        ),
        waitView(t, ctx.config.accept_timeout_seconds, { compact: true }),
      );
    }),
  );
  if (focusId) {
    const again = list.querySelector(`[data-id="${CSS.escape(focusId)}"]`);
    if (again) again.focus();
  }
}
