// The supervisor's board: each queue's waiting callers and longest wait, agents by status
// with the time in it, today's service level and abandonment (GET /stats), a chart of the
// day's hours, and the day's transfers as CSV. Re-read on every event the page hears.
import { h } from "./dom.js";
import { duration, person, secondsSince } from "./format.js";

const STATUSES = ["available", "busy", "wrap_up", "away", "offline"];
const STATUS_LABEL = {
  available: "Available",
  busy: "Busy",
  wrap_up: "Wrap-up",
  away: "Away",
  offline: "Offline",
};
const SVG = "http://www.w3.org/2000/svg";

function percent(share) {
  return share === null || share === undefined ? "–" : `${Math.round(share * 100)}%`;
}

function figure(label, value, id) {
  return h("div", { class: "kpi" }, h("dt", {}, label), h("dd", { id }, value));
}

// Service level per hour as bars (an hour with no answered transfer draws no bar), and the
// callers who came in each hour as a line.
function chart(buckets) {
  const width = 320;
  const height = 90;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("class", "board-chart");
  const shown = buckets.filter((b) => b.service_level !== null);
  const words = shown.map((b) => `${b.start.slice(11, 13)}h ${percent(b.service_level)}`);
  const callers = buckets.filter((b) => b.entered).map((b) => `${b.start.slice(11, 13)}h ${b.entered}`);
  svg.setAttribute(
    "aria-label",
    `Service level by hour today: ${words.join(", ") || "no data yet"}. Callers by hour: ${callers.join(", ") || "none yet"}.`,
  );
  const step = width / Math.max(buckets.length, 1);
  buckets.forEach((b, i) => {
    if (b.service_level === null) return;
    const bar = document.createElementNS(SVG, "rect");
    const tall = Math.max(1, b.service_level * (height - 14));
    bar.setAttribute("x", String(i * step + 1));
    bar.setAttribute("y", String(height - 12 - tall));
    bar.setAttribute("width", String(Math.max(step - 2, 1)));
    bar.setAttribute("height", String(tall));
    bar.setAttribute("class", b.service_level >= 0.8 ? "bar-ok" : "bar-low");
    svg.append(bar);
  });
  // Callers who came in each hour, as a line over the bars (scaled to the busiest hour).
  const most = Math.max(1, ...buckets.map((b) => b.entered));
  const line = document.createElementNS(SVG, "polyline");
  const points = buckets.map((b, i) => `${i * step + step / 2},${height - 12 - (b.entered / most) * (height - 14)}`);
  line.setAttribute("points", points.join(" "));
  line.setAttribute("class", "callers");
  svg.append(line);
  [0, Math.floor(buckets.length / 2), buckets.length - 1].forEach((i) => {
    if (!buckets[i]) return;
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", String(i * step + 2));
    label.setAttribute("y", String(height - 1));
    label.textContent = `${buckets[i].start.slice(11, 13)}h`;
    svg.append(label);
  });
  return svg;
}

export function startBoard(ctx, root) {
  let latest = 0;
  let state = null;

  async function load() {
    const mine = ++latest;
    const [queues, agents, stats] = await Promise.all([
      ctx.api.get("/queues"),
      ctx.api.get("/agents"),
      ctx.api.get("/stats?bucket=hour"),
    ]);
    if (mine !== latest) return;
    state = { queues: queues.items, agents: agents.items, stats };
    render();
  }

  async function exportCsv(button) {
    button.disabled = true;
    try {
      const response = await fetch("/transfers/export", {
        headers: { Authorization: `Bearer ${ctx.token}` },
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const link = h("a", {
        href: URL.createObjectURL(await response.blob()),
        download: `transfers-${new Date().toISOString().slice(0, 10)}.csv`,
      });
      link.click();
      URL.revokeObjectURL(link.href);
      ctx.announce("Transfers exported.");
    } catch (error) {
      ctx.announce(`Export failed: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }

  function render() {
    if (!state) return;
    const { queues, agents, stats } = state;
    const total = stats.total;
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    agents.forEach((a) => {
      byStatus[a.status] = (byStatus[a.status] || 0) + 1;
    });
    root.replaceChildren(
      h(
        "dl",
        { class: "kpis", "aria-label": "Today" },
        figure("Service level", percent(total.service_level), "kpi-service-level"),
        figure("Abandoned", percent(total.abandonment_rate), "kpi-abandonment"),
        figure("Accepted", String(total.accepted), "kpi-accepted"),
        figure("Time to accept (p50)", total.time_to_accept.p50 === null ? "–" : duration(total.time_to_accept.p50), "kpi-tta"),
      ),
      chart(stats.buckets),
      h(
        "section",
        { "aria-labelledby": "board-queues" },
        h("h3", { id: "board-queues" }, "Queues"),
        queues.length
          ? h(
              "table",
              { class: "board-table" },
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Queue"), h("th", { scope: "col" }, "Waiting"), h("th", { scope: "col" }, "Longest wait"))),
              h(
                "tbody",
                {},
                queues.map((q) =>
                  h(
                    "tr",
                    { dataset: { queue: q.queue } },
                    h("th", { scope: "row" }, q.queue),
                    h("td", { class: "waiting" }, String(q.waiting)),
                    h("td", {}, q.longest_wait_seconds === null ? "–" : duration(q.longest_wait_seconds)),
                  ),
                ),
              ),
            )
          : h("p", { class: "muted" }, "No queues."),
      ),
      h(
        "section",
        { "aria-labelledby": "board-agents" },
        h("h3", { id: "board-agents" }, "Team"),
        h(
          "p",
          { class: "agent-counts" },
          STATUSES.map((s) => h("span", { class: `pill status-${s}`, dataset: { status: s } }, `${STATUS_LABEL[s]} ${byStatus[s] || 0}`)),
        ),
        h(
          "ul",
          { class: "board-agents" },
          agents.map((a) =>
            h(
              "li",
              { dataset: { agent: a.agent } },
              h("span", { class: "agent-name" }, person(a.agent)),
              h("span", { class: "agent-status" }, STATUS_LABEL[a.status] || a.status),
              h("span", { class: "muted" }, a.since ? duration(secondsSince(a.since)) : ""),
            ),
          ),
        ),
      ),
      h(
        "button",
        { type: "button", class: "secondary", onclick: (event) => exportCsv(event.currentTarget) },
        "Export CSV",
      ),
    );
  }

  // Times in status move on between events.
  setInterval(render, 15000);
  let soon = null;
  return {
    load,
    onEvent() {
      clearTimeout(soon);
      soon = setTimeout(() => load().catch((error) => ctx.fail(error)), 200);
    },
  };
}
