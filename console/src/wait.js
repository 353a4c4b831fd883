// "Waiting 1:02 of 5:00": how long the caller has waited against the accept timeout,
// kept current by one ticker for every such element on the page.
import { duration, waited } from "./format.js";

const watched = new Map(); // element -> {transfer, timeout}

export function waitView(transfer, timeout, { compact = false } = {}) {
  const box = document.createElement("div");
  box.className = compact ? "wait compact" : "wait";
  const text = document.createElement("p");
  text.className = "wait-text";
  const bar = document.createElement("progress");
  bar.max = timeout;
  bar.setAttribute("aria-hidden", "true");
  box.append(text, bar);
  watched.set(box, { transfer, timeout });
  paint(box);
  return box;
}

function paint(box) {
  const { transfer, timeout } = watched.get(box);
  const [text, bar] = box.children;
  const seconds = waited(transfer);
  if (transfer.queue && transfer.status === "initiated") {
    // A queue's transfer waits by its queue's rules; an offer shows how long it stays open.
    const left = transfer.offer_expires_at ? (Date.parse(transfer.offer_expires_at) - Date.now()) / 1000 : 0;
    const offered = (transfer.offered_to || []).length > 0 && left > 0;
    bar.max = offered ? Math.max(1, (Date.parse(transfer.offer_expires_at) - Date.parse(transfer.updated_at)) / 1000) : 1;
    bar.value = offered ? left : 0;
    box.classList.toggle("late", offered && left < 5);
    text.textContent = offered
      ? `Offer ends in ${duration(left)} · caller waiting ${duration(seconds)}`
      : `In the ${transfer.queue} queue · caller waiting ${duration(seconds)}`;
    return;
  }
  const late = transfer.status === "initiated" && seconds >= timeout * 0.8;
  box.classList.toggle("late", late);
  bar.value = Math.min(seconds, timeout);
  if (transfer.status === "initiated" && seconds >= timeout) {
    // The API expires it on its next read or sweep.
    text.textContent = `Expiring: nobody accepted within ${duration(timeout)}`;
  } else if (transfer.status === "initiated") {
    text.textContent = `Waiting ${duration(seconds)} of ${duration(timeout)}`;
  } else if (transfer.status === "expired") {
    text.textContent = `Nobody accepted within ${duration(timeout)}`;
  } else if (transfer.history.some((entry) => entry.status === "accepted")) {
    text.textContent = `Answered after ${duration(seconds)}`;
  } else {
    text.textContent = `Cancelled after ${duration(seconds)} waiting`;
  }
}

setInterval(() => {
  for (const box of watched.keys()) {
    if (box.isConnected) paint(box);
    else watched.delete(box);
  }
}, 1000);
