// Words and numbers as a person reads them.
export function duration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

// "bob" -> "Bob"; ids that are not plain names ("voice-pipeline", "sup-1") stay as they are.
export function person(id) {
  if (!id) return "Someone";
  return /^[a-z]+$/.test(id) ? id.charAt(0).toUpperCase() + id.slice(1) : id;
}

export const STATUS_WORDS = {
  initiated: "Waiting",
  accepted: "Accepted",
  completed: "Completed",
  cancelled: "Cancelled",
  expired: "Expired",
  abandoned: "Caller hung up",
};

export const OPEN = new Set(["initiated", "accepted"]);

export function secondsSince(iso, now = Date.now()) {
  return (now - Date.parse(iso)) / 1000;
}

// How long the caller waited: until the transfer left "initiated", else until now.
export function waited(transfer, now = Date.now()) {
  const left = transfer.history.find((entry) => entry.status !== "initiated");
  const end = left ? Date.parse(left.at) : now;
  return (end - Date.parse(transfer.created_at)) / 1000;
}

export function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
