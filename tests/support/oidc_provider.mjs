// A real OpenID provider for the tests (the npm package oidc-provider, a certified
// implementation), signing with the keys it is given. Started by tests/support/oidc_issuer.py:
//   node tests/support/oidc_provider.mjs <config.json>
// config: {issuer, port, jwks: {keys: [private JWKs]}, scope,
//          clients: [{client_id, client_secret, alg, claims}],
//          accounts: [{sub, password, claims}],
//          console: {client_id, redirect_uri, origin, resource, alg}}   (optional)
// - Client credentials: a client's tokens are signed with its `alg` and carry its `claims`
//   (a role claim, say); the audience is the `resource` the client asks for.
// - Authorization Code + PKCE (when `console` is given): the agent console's public client
//   (no secret), redirecting to `redirect_uri`, its token endpoint open to `origin` (CORS).
//   People sign in on a small page of this provider's own (/interaction/<uid>) with an
//   account's sub and password; their access tokens (a JWT for `resource`) carry `sub` and
//   the account's `claims`. The console is first-party: no consent page.
// Prints "ready" once listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const clients = new Map(config.clients.map((c) => [c.client_id, c]));
const accounts = new Map((config.accounts ?? []).map((a) => [a.sub, a]));
const consoleClient = config.console;

const registered = config.clients.map((c) => ({
  client_id: c.client_id,
  client_secret: c.client_secret,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
  token_endpoint_auth_method: 'client_secret_basic',
}));
if (consoleClient) {
  registered.push({
    client_id: consoleClient.client_id,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [consoleClient.redirect_uri],
    token_endpoint_auth_method: 'none',
  });
}

const provider = new Provider(config.issuer, {
  jwks: config.jwks,
  clients: registered,
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource, client) => ({
        scope: config.scope,
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 600,
        jwt: { sign: { alg: clients.get(client.clientId)?.alg ?? consoleClient.alg } },
      }),
    },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // The console's page calls the token endpoint from its own origin.
  clientBasedCORS: (_ctx, origin, client) =>
    client.clientId === consoleClient?.client_id && origin === consoleClient.origin,
  findAccount: (_ctx, sub) =>
    accounts.has(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined,
  // First-party console: its sign-in is granted the ID token and the API without a consent page.
  loadExistingGrant: async (ctx) => {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (client.clientId !== consoleClient?.client_id) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid');
    grant.addResourceScope(consoleClient.resource, '');
    await grant.save();
    return grant;
  },
  extraTokenClaims: (_ctx, token) =>
    token.accountId ? accounts.get(token.accountId)?.claims : clients.get(token.clientId)?.claims,
});

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(uid, message = '') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · test provider</title><link rel="icon" href="data:,"></head>
<body><main>
<h1>Sign in to the test provider</h1>
${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label>Username <input name="login" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;
}

async function formBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The login pages; everything else is the provider's.
async function interaction(req, res, uid, action) {
  await provider.interactionDetails(req, res); // refuses an unknown or expired interaction
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(uid));
    return;
  }
  if (req.method === 'POST' && action === 'abort') {
    const result = { error: 'access_denied', error_description: 'The person cancelled signing in' };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await formBody(req);
    const account = accounts.get(form.get('login'));
    if (!account || account.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page(uid, 'Wrong username or password.'));
      return;
    }
    const result = { login: { accountId: account.sub } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(405).end();
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(req.url.split('?')[0]);
  if (!match) {
    callback(req, res);
    return;
  }
  interaction(req, res, match[1], match[2]).catch((error) => {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`sign-in failed: ${error.message}`);
  });
});
server.listen(config.port, '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
