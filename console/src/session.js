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

// The claims, for display and routing only: the API verifies the signature.
export function readClaims(token) {
  const parts = token.split(".");
  if (parts.length !== 3) throw new Error("That is not a token: it should have three parts.");
  let claims;
  try {
    const b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    claims = JSON.parse(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, "=")));
  } catch {
    throw new Error("That token cannot be read.");
  }
  if (!claims.sub || !claims.role) throw new Error("That token names no user or role.");
  if (claims.exp && claims.exp * 1000 < Date.now()) throw new Error("That token has expired.");
  if (!["agent", "supervisor"].includes(claims.role)) {
    throw new Error(`This console is for agents and supervisors, not a ${claims.role}.`);
  }
  return claims;
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
