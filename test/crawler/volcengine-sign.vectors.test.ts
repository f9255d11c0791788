/**
 * Volcengine signature vectors, produced by the official Node SDK signer
 * (`@volcengine/openapi@1.36.2`). Every field of every vector is checked.
 *
 * One SDK behaviour is deliberately not copied (docs/volcengine-live-api.md §5 step 3): the SDK
 * runs a raw `Buffer` body through `JSON.stringify` before hashing, so it signs the hash of
 * `{"type":"Buffer","data":[…]}` instead of the bytes on the wire, and any server that re-hashes
 * the body rejects the request. For such a vector (raw bytes, no `bodySha256` option) the test
 * asserts that the SDK value is exactly that quirk, that our signer hashes the real bytes instead,
 * and that with the SDK's payload hash substituted every other field matches byte for byte.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSignedRequest } from '../../src/crawler/volcengine/build-request.js';
import { deriveSigningKey, signRequest, type QueryInput, type SignedRequest } from '../../src/crawler/volcengine/sign.js';
import { loadVectors, nonEmpty } from '../helpers/vectors.js';

interface VectorBody {
  kind: string;
  utf8?: string;
  json?: unknown;
  bytes_hex?: string;
  length?: number;
}

interface Vector {
  id: string;
  mode: 'signer' | 'service';
  description: string;
  input: {
    method: string;
    scheme: string;
    host: string;
    path: string;
    query: Record<string, unknown>;
    headers: Record<string, string>;
    body: VectorBody;
    access_key_id: string;
    secret_access_key: string;
    session_token: string | null;
    region: string;
    service: string;
    datetime: string;
    body_sha256_option?: string | null;
  };
  output: {
    x_date: string;
    x_content_sha256: string | null;
    x_security_token: string | null;
    canonical_query_string: string;
    canonical_headers: string;
    signed_headers: string;
    hashed_payload: string;
    canonical_request: string;
    canonical_request_sha256: string;
    credential_scope: string;
    string_to_sign: string;
    signing_key_hex: string;
    signature: string;
    authorization: string;
    headers_after_signing?: Record<string, string>;
    wire?: { method: string; url: string; headers: Record<string, string>; data: string | null };
  };
}

const family = loadVectors<{ count: number; vectors: Vector[] }>('volcengine_sign');
const vectors = nonEmpty(family.vectors, 'volcengine_sign.vectors');
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The bytes the SDK was asked to send, and whether they were a raw byte body. */
function bodyOf(v: Vector): { body: string | Uint8Array | undefined; rawBytes: boolean } {
  const b = v.input.body;
  switch (b.kind) {
    case 'none':
      return { body: undefined, rawBytes: false };
    case 'string':
      if (b.utf8 === undefined) throw new Error(`${v.id}: string body without utf8`);
      return { body: b.utf8, rawBytes: false };
    case 'json-object': {
      const text = JSON.stringify(b.json);
      if (b.utf8 !== undefined) expect(text, `${v.id}: JSON.stringify(json) is the recorded body`).toBe(b.utf8);
      return { body: text, rawBytes: false };
    }
    default:
      if (b.bytes_hex === undefined) throw new Error(`${v.id}: unknown body kind ${b.kind}`);
      return { body: Buffer.from(b.bytes_hex, 'hex'), rawBytes: true };
  }
}

function sign(v: Vector, body: string | Uint8Array | undefined, bodySha256: string | undefined): SignedRequest {
  const i = v.input;
  return signRequest({
    method: i.method,
    path: i.path,
    query: i.query as QueryInput,
    headers: i.headers,
    body,
    ...(bodySha256 !== undefined ? { bodySha256 } : {}),
    credentials: { accessKeyId: i.access_key_id, secretAccessKey: i.secret_access_key, sessionToken: i.session_token ?? undefined },
    region: i.region,
    service: i.service,
    date: new Date(i.datetime),
  });
}

function expectSameAsSdk(v: Vector, ours: SignedRequest): void {
  const o = v.output;
  const header = (name: string) => Object.entries(ours.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  expect(ours.xDate, 'x_date').toBe(o.x_date);
  expect(header('x-content-sha256'), 'x_content_sha256').toBe(o.x_content_sha256);
  expect(header('x-security-token'), 'x_security_token').toBe(o.x_security_token);
  expect(ours.canonicalQueryString, 'canonical_query_string').toBe(o.canonical_query_string);
  expect(ours.canonicalHeaders, 'canonical_headers').toBe(o.canonical_headers);
  expect(ours.signedHeaders, 'signed_headers').toBe(o.signed_headers);
  expect(ours.hashedPayload, 'hashed_payload').toBe(o.hashed_payload);
  expect(ours.canonicalRequest, 'canonical_request').toBe(o.canonical_request);
  expect(ours.canonicalRequestSha256, 'canonical_request_sha256').toBe(o.canonical_request_sha256);
  expect(ours.credentialScope, 'credential_scope').toBe(o.credential_scope);
  expect(ours.stringToSign, 'string_to_sign').toBe(o.string_to_sign);
  expect(ours.signature, 'signature').toBe(o.signature);
  expect(ours.authorization, 'authorization').toBe(o.authorization);
  const i = v.input;
  expect(deriveSigningKey(i.secret_access_key, o.x_date.slice(0, 8), i.region, i.service).toString('hex'), 'signing_key_hex').toBe(
    o.signing_key_hex,
  );
  if (o.headers_after_signing !== undefined) {
    // Same names, same values, same order.
    expect(Object.entries(ours.headers), 'headers_after_signing').toEqual(Object.entries(o.headers_after_signing));
  }
}

/** Node's querystring.stringify leaves !'()* unescaped in the SDK's URL; we send the signed form. */
const escapeSubDelims = (url: string) => url.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe('volcengine signature vectors', () => {
  it('has every declared vector', () => {
    expect(vectors.length).toBe(family.count);
    expect(new Set(vectors.map((v) => v.id)).size).toBe(vectors.length);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const { body, rawBytes } = bodyOf(v);
    const option = v.input.body_sha256_option ?? undefined;

    if (rawBytes && option === undefined) {
      // The SDK Buffer quirk: it hashed JSON.stringify(buffer), not the bytes.
      const bytes = body as Buffer;
      expect(v.output.hashed_payload, 'the SDK hashed the Buffer JSON').toBe(sha256(JSON.stringify(bytes)));
      expect(v.output.hashed_payload).not.toBe(sha256(bytes));
      const ours = sign(v, bytes, undefined);
      expect(ours.hashedPayload, 'we hash the bytes that are sent').toBe(sha256(bytes));
      expect(ours.headers['X-Content-Sha256']).toBe(sha256(bytes));
      expect(ours.signature).not.toBe(v.output.signature);
      // Everything else is the same algorithm: with the SDK's hash substituted, all fields match.
      expectSameAsSdk(v, sign(v, bytes, v.output.hashed_payload));
      return;
    }

    const ours = sign(v, body, option);
    expectSameAsSdk(v, ours);
    if (rawBytes) expect(ours.hashedPayload, 'bodySha256 option is the hash of the bytes').toBe(sha256(body as Buffer));

    if (v.mode === 'service') {
      const wire = v.output.wire;
      if (!wire) throw new Error(`${v.id}: service vector without wire`);
      const i = v.input;
      const method = i.method.toUpperCase() as 'GET' | 'POST';
      const { Action, Version, ...rest } = i.query;
      const ours = buildSignedRequest({
        endpoint: `${i.scheme}://${i.host}`,
        action: String(Action),
        version: String(Version),
        method,
        params: method === 'GET' ? rest : ((i.body.json ?? {}) as Record<string, unknown>),
        credentials: { accessKeyId: i.access_key_id, secretAccessKey: i.secret_access_key, sessionToken: i.session_token ?? undefined },
        region: i.region,
        service: i.service,
        date: new Date(i.datetime),
      });
      expect(ours.method).toBe(wire.method);
      expect(ours.url).toBe(escapeSubDelims(wire.url));
      expect(new URL(ours.url).search.slice(1)).toBe(v.output.canonical_query_string);
      expect(ours.body ?? null).toBe(wire.data);
      for (const name of ['Content-Type', 'X-Date', 'X-Security-Token', 'X-Content-Sha256', 'Authorization']) {
        expect(ours.headers[name], `wire header ${name}`).toBe(wire.headers[name]);
      }
      // Accept and User-Agent are sent too, with our own values.
      expect(Object.keys(ours.headers).sort()).toEqual(Object.keys(wire.headers).sort());
    }
  });
});
