// A real OpenID provider for the tests (the npm package oidc-provider, a certified
// implementation): client-credentials grant, JWT access tokens through resource indicators,
// signed with the keys it is given. Started by tests/support/oidc_issuer.py:
//   node tests/support/oidc_provider.mjs <config.json>
// config: {issuer, port, jwks: {keys: [private JWKs]}, scope,
//          clients: [{client_id, client_secret, alg, claims}]}
// A client's tokens are signed with its `alg` and carry its `claims` (a role claim, say);
// the audience is the `resource` the client asks for. Prints "ready" once listening.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const clients = new Map(config.clients.map((c) => [c.client_id, c]));

const provider = new Provider(config.issuer, {
  jwks: config.jwks,
  clients: config.clients.map((c) => ({
    client_id: c.client_id,
    client_secret: c.client_secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
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
        jwt: { sign: { alg: clients.get(client.clientId).alg } },
      }),
    },
  },
  extraTokenClaims: (_ctx, token) => clients.get(token.clientId)?.claims,
});

provider.listen(config.port, '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
