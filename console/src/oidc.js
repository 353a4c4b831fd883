// Sign-in at the OpenID provider: Authorization Code with PKCE (S256) for a public client
// (no secret). oauth4webapi makes the requests and checks the answers: state, the issuer of
// the answer (RFC 9207), the ID token's issuer, audience, times and nonce.
import * as oauth from "oauth4webapi";

// The sign-in under way (PKCE verifier, state, nonce): this tab only, gone once used.
const PENDING = "warm-transfer.sign-in";

// Why the provider said no (RFC 6749 4.1.2.1), in words.
const REFUSALS = {
  access_denied: "the sign-in was cancelled or refused",
  login_required: "you are not signed in there",
  consent_required: "this console was not allowed",
  unauthorized_client: "this console is not allowed to sign in there",
  invalid_scope: "the console asked for something it may not have",
};

export function redirectUri() {
  return `${location.origin}/console/`;
}

function client(signIn) {
  return { client_id: signIn.client_id, token_endpoint_auth_method: "none" };
}

// Plain http only for a provider on this machine (local runs, tests), as browsers treat
// loopback addresses as secure; anywhere else the provider must be https.
function requestOptions(issuer) {
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(issuer).hostname);
  return loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(signIn) {
  const issuer = new URL(signIn.issuer);
  let response;
  try {
    response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...requestOptions(signIn.issuer) });
  } catch {
    throw new Error(`${signIn.provider_name} could not be reached: try again in a moment.`);
  }
  try {
    return await oauth.processDiscoveryResponse(issuer, response);
  } catch {
    throw new Error(`${signIn.provider_name} did not describe itself as expected: ask an administrator.`);
  }
}

export async function start(signIn) {
  const as = await discover(signIn);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint);
  const params = {
    client_id: signIn.client_id,
    response_type: "code",
    redirect_uri: redirectUri(),
    scope: signIn.scope,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  };
  if (signIn.resource) params.resource = signIn.resource;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce }));
  location.assign(url.href);
}

// The provider's answer in the address (?code=&state= or ?error=), or null.
export function answerInAddress() {
  const params = new URLSearchParams(location.search);
  return ["code", "state", "error"].some((key) => params.has(key)) ? params : null;
}

function refusal(signIn, error, description) {
  const why = REFUSALS[error] || description || error;
  return new Error(`You are not signed in: ${signIn.provider_name} says ${why} (${error}).`);
}

// The access token for the answer `params`; throws an Error whose message says what went wrong.
export async function finish(signIn, params) {
  // The code must not stay in the address bar, the history or a bookmark.
  history.replaceState(null, "", location.pathname + location.hash);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING); // a code is used once, whatever happens next
  if (!pending) {
    if (params.has("error")) throw refusal(signIn, params.get("error"), params.get("error_description"));
    throw new Error("This sign-in was not started from this page: sign in again.");
  }
  const as = await discover(signIn);
  let answer;
  try {
    answer = oauth.validateAuthResponse(as, client(signIn), params, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw refusal(signIn, error.error, error.error_description);
    }
    // A state that is not ours: an answer to another sign-in, or a forged link.
    throw new Error("The sign-in answer does not match the sign-in this page started: sign in again.");
  }
  const extra = signIn.resource ? { additionalParameters: { resource: signIn.resource } } : {};
  let response;
  try {
    response = await oauth.authorizationCodeGrantRequest(
      as,
      client(signIn),
      oauth.None(),
      answer,
      redirectUri(),
      pending.verifier,
      { ...requestOptions(signIn.issuer), ...extra },
    );
  } catch {
    throw new Error(`${signIn.provider_name} could not be reached to finish signing in: sign in again.`);
  }
  try {
    const tokens = await oauth.processAuthorizationCodeResponse(as, client(signIn), response, {
      expectedNonce: pending.nonce,
      requireIdToken: signIn.scope.split(" ").includes("openid"),
    });
    return tokens.access_token;
  } catch (error) {
    const detail = error.error_description || error.error || error.message;
    throw new Error(`${signIn.provider_name} did not give a token (${detail}): sign in again.`);
  }
}

// Sign-out: nothing of a sign-in under way stays behind.
export function forget() {
  sessionStorage.removeItem(PENDING);
}
