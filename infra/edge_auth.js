// The HTTP API's JWT authorizer, from the params oidcIssuer and oidcAudience of
// serverless.yml (README "Identity"). With an issuer, API Gateway verifies every token
// (signature through the issuer's JWKS, iss, aud, exp) before any function runs, on every
// route but /health; without one there is no authorizer and the functions verify HS256
// tokens themselves (local runs, tests). serverless.yml cannot say "if", so it asks here.
'use strict';

const NAME = 'oidc';

async function issuer(resolveVariable) {
  return String((await resolveVariable('param:oidcIssuer')) || '').trim();
}

// provider.httpApi.authorizers: the JWT authorizer, or none.
module.exports.authorizers = async ({ resolveVariable }) => {
  const issuerUrl = await issuer(resolveVariable);
  if (!issuerUrl) return {};
  const audience = String((await resolveVariable('param:oidcAudience')) || '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (audience.length === 0) {
    throw new Error('the param oidcAudience is required with oidcIssuer');
  }
  return {
    [NAME]: {
      type: 'jwt',
      identitySource: '$request.header.Authorization',
      issuerUrl,
      audience,
    },
  };
};

// A route's `authorizer`: its name, or '' (no authorizer) when there is no issuer.
module.exports.route = async ({ resolveVariable }) =>
  (await issuer(resolveVariable)) ? NAME : '';

// AUTH_JWT_SECRET of the functions that verify tokens: the HS256 secret from
// infra/secrets.yml without an issuer; with one, HS256 is refused and tokens are checked
// against the issuer's public keys, so no secret at all ('', and none is looked up).
module.exports.jwtSecret = async ({ resolveVariable }) => {
  if (await issuer(resolveVariable)) return '';
  const from = await resolveVariable('param:secretsFrom');
  return resolveVariable(`file(infra/secrets.yml):${from}.authJwtSecret`);
};
