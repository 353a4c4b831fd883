// The signed-in token: from the address (#token=...), then kept only in sessionStorage.
const KEY = "warm-transfer.token";

export function tokenFromAddress() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token");
  if (token === null) return null;
  // The token must not stay in the address bar, the history or a bookmark.
  history.replaceState(null, "", location.pathname + location.search);
  return token.trim();
}

const ROLES = ["service", "agent", "supervisor"];

// Who the token names, for display and routing only: the API verifies the signature. The
// claims are the API's own (config: role_claim, subject_claim); a role claim may be a list
// of groups holding the role among others, as the API reads it.
export function readClaims(token, { role_claim = "role", subject_claim = "sub" } = {}) {
  const parts = token.split(".");
  if (parts.length !== 3) throw new Error("That is not a token: it should have three parts.");
  let claims;
  try {
    const b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    claims = JSON.parse(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, "=")));
  } catch {
    throw new Error("That token cannot be read.");
  }
  const sub = claims[subject_claim];
  const roles = [].concat(claims[role_claim] ?? []).filter((r) => ROLES.includes(r));
  if (typeof sub !== "string" || !sub || roles.length === 0) throw new Error("That token names no user or role.");
  if (roles.length > 1) throw new Error("That token names more than one role.");
  if (claims.exp && claims.exp * 1000 < Date.now()) throw new Error("That token has expired.");
  const [role] = roles;
  if (role === "service") throw new Error(`This console is for agents and supervisors, not a ${role}.`);
  return { sub, role, exp: claims.exp };
}

export function load() {
  return sessionStorage.getItem(KEY);
}

export function save(token) {
  sessionStorage.setItem(KEY, token);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}
