#!/usr/bin/env node
// Verifies one rng-stream reply with nothing but Node.js (20 or newer) and its built-in crypto module.
// Written from docs/verification.md and docs/draw-algorithm.md alone, as a check that they are enough
// to verify a draw without any rng-stream code.
//
//   node verify-reply.mjs REPLY.json|- KEY
//
// REPLY.json: the reply in the JSON form of docs/verification.md ("-" reads standard input).
// KEY: a PEM file with the service's Ed25519 public key, or a JSON file with the body of /keys.
// Prints "OK: ..." and exits 0 when the signature is valid and the numbers follow from the seed;
// prints "BAD: why" and exits 1 otherwise; exits 2 when the files cannot be read.

import { readFileSync } from 'node:fs';
import { createHash, createHmac, createPublicKey, verify } from 'node:crypto';

const ALGORITHM_V1 = 'HMAC_DRBG-SHA256/unbiased-v1';
const TWO_64 = 1n << 64n;
const MASK_64 = TWO_64 - 1n;

class Bad extends Error {}

// ---- primitive encodings (docs/verification.md, "Primitive encodings")

const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const i32 = (n) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
const i64 = (n) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
const bool = (v) => Buffer.from([v ? 1 : 0]);
const bytes = (b) => Buffer.concat([u32(b.length), b]);
const nullableBytes = (b) => (b === null ? i32(-1) : bytes(b));
const string = (s) => bytes(Buffer.from(s, 'utf8'));
const nullableString = (s) => (s === null ? i32(-1) : string(s));
const longList = (list) => Buffer.concat([u32(list.length), ...list.map(i64)]);

// ---- the JSON form of a reply (docs/verification.md, "A reply as JSON")

function member(reply, name, type, optional = false) {
  const value = reply[name];
  if ((value === null || value === undefined) && optional) return null;
  if (typeof value !== type) throw new Bad(`reply JSON: ${name} must be a ${type}${optional ? ' or null' : ''}`);
  return value;
}

function int64(value, name) {
  let n;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) n = BigInt(value);
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else throw new Bad(`reply JSON: ${name} must be an integer as a decimal string (got ${JSON.stringify(value)})`);
  if (n < -(1n << 63n) || n >= (1n << 63n)) throw new Bad(`reply JSON: ${name} does not fit in 64 bits`);
  return n;
}

function hexBytes(value, name) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(value)) throw new Bad(`reply JSON: ${name} must be hex`);
  return Buffer.from(value, 'hex');
}

function epochMillis(value) {
  if (typeof value === 'number' || (typeof value === 'string' && /^-?[0-9]+$/.test(value))) {
    return int64(value, 'generatedAt');
  }
  const m = typeof value === 'string'
    && /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(value);
  if (!m) throw new Bad(`reply JSON: generatedAt must be ISO-8601 UTC, e.g. 2025-01-01T12:00:00.123Z`);
  const seconds = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3)); // whole milliseconds, rounded down
  return BigInt(seconds) + BigInt(millis);
}

function readReply(text) {
  let json;
  try { json = JSON.parse(text); } catch (e) { throw new Bad(`reply is not JSON: ${e.message}`); }
  if (json === null || typeof json !== 'object') throw new Bad('reply JSON must be an object');
  const error = json.error ?? null;
  if (error !== null && (typeof error !== 'object' || typeof error.code !== 'string')) {
    throw new Bad('reply JSON: error must be null or have a string code');
  }
  if (!Array.isArray(json.numbers)) throw new Bad('reply JSON: numbers must be an array');
  return {
    requestId: member(json, 'requestId', 'string'),
    clientId: member(json, 'clientId', 'string'),
    min: int64(json.min, 'min'),
    max: int64(json.max, 'max'),
    count: Number(int64(json.count, 'count')),
    unique: member(json, 'unique', 'boolean'),
    status: member(json, 'status', 'string'),
    errorCode: error === null ? '' : error.code,
    numbers: json.numbers.map((n, i) => int64(n, `numbers[${i}]`)),
    seed: hexBytes(json.seed, 'seed'),
    seedSource: member(json, 'seedSource', 'string', true),
    algorithm: member(json, 'algorithm', 'string'),
    serial: member(json, 'serial', 'string'),
    userData: member(json, 'userData', 'string', true),
    generatedAt: epochMillis(json.generatedAt),
    signature: hexBytes(json.signature, 'signature'),
    keyId: member(json, 'keyId', 'string', true),
  };
}

// ---- what the signature covers (docs/verification.md, "The draw encoding")

function drawEncoding(r) {
  return Buffer.concat([
    string('rng-stream/draw/v1'),
    string(r.requestId),
    string(r.clientId),
    i64(r.min),
    i64(r.max),
    i32(r.count),
    bool(r.unique),
    string(r.status),
    string(r.errorCode),
    longList(r.numbers),
    nullableBytes(r.seed),
    nullableString(r.seedSource),
    string(r.algorithm),
    string(r.serial),
    nullableString(r.userData),
    i64(r.generatedAt),
  ]);
}

// ---- keys (docs/verification.md, "Keys")

function keyIdOf(publicKey) {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function readKey(text, keyId) {
  let pem = text;
  if (text.trimStart().startsWith('{')) {
    const entry = (JSON.parse(text).keys ?? []).find((k) => k.keyId === keyId);
    if (!entry) throw new Bad(`the reply is signed with key ${keyId}, which the key list does not hold`);
    if (entry.algorithm !== 'Ed25519') throw new Bad(`key ${keyId} is ${entry.algorithm}, not Ed25519`);
    pem = entry.publicKey;
  }
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Bad(`the public key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

// ---- the draw (docs/draw-algorithm.md)

const hmac = (key, ...parts) => {
  const h = createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return h.digest();
};

class WordStream {
  constructor(seed) {
    this.K = Buffer.alloc(32, 0x00);
    this.V = Buffer.alloc(32, 0x01);
    this.update(seed);
    this.words = [];
    this.next = 0;
  }

  update(data) {
    this.K = hmac(this.K, this.V, Buffer.from([0x00]), data);
    this.V = hmac(this.K, this.V);
    if (data.length === 0) return;
    this.K = hmac(this.K, this.V, Buffer.from([0x01]), data);
    this.V = hmac(this.K, this.V);
  }

  nextWord() {
    if (this.next === this.words.length) {
      const blocks = [];
      for (let i = 0; i < 8; i++) {
        this.V = hmac(this.K, this.V);
        blocks.push(this.V);
      }
      this.update(Buffer.alloc(0));
      const block = Buffer.concat(blocks);
      this.words = Array.from({ length: 32 }, (_, i) => block.readBigUInt64BE(8 * i));
      this.next = 0;
    }
    return this.words[this.next++];
  }
}

function uniform(words, s) {
  if (s === 0n) return words.nextWord();
  let x = words.nextWord();
  let product = x * s;
  if ((product & MASK_64) < s) {
    const t = (TWO_64 - s) % s;
    while ((product & MASK_64) < t) {
      x = words.nextWord();
      product = x * s;
    }
  }
  return product >> 64n;
}

function draw(seed, min, max, count, unique) {
  const s = (max - min + 1n) & MASK_64;
  const words = new WordStream(seed);
  const offsets = [];
  if (!unique) {
    for (let i = 0; i < count; i++) offsets.push(uniform(words, s));
  } else {
    const seen = new Set();
    for (let i = 0; i < count; i++) {
      const j = (s - BigInt(count) + BigInt(i)) & MASK_64;
      const t = uniform(words, (j + 1n) & MASK_64);
      const pick = seen.has(t) ? j : t;
      offsets.push(pick);
      seen.add(pick);
    }
    for (let i = count - 1; i >= 1; i--) {
      const r = Number(uniform(words, BigInt(i + 1)));
      [offsets[i], offsets[r]] = [offsets[r], offsets[i]];
    }
  }
  return offsets.map((offset) => BigInt.asIntN(64, min + offset));
}

function checkNumbers(r) {
  if (r.status !== 'OK') {
    if (r.numbers.length !== 0) throw new Bad(`a ${r.status} reply carries numbers`);
    return 'no numbers (rejected)';
  }
  if (r.algorithm !== ALGORITHM_V1) throw new Bad(`algorithm ${r.algorithm} is not known to this verifier`);
  if (r.seed === null || r.seed.length !== 32) throw new Bad('an OK reply needs a 32-byte seed');
  if (r.min > r.max || r.count < 1 || r.count !== r.numbers.length) {
    throw new Bad(`min ${r.min}, max ${r.max}, count ${r.count} and ${r.numbers.length} numbers do not fit together`);
  }
  const size = r.max - r.min + 1n;
  if (r.unique && BigInt(r.count) > size) throw new Bad(`cannot draw ${r.count} distinct numbers from ${size}`);
  const expected = draw(r.seed, r.min, r.max, r.count, r.unique);
  expected.forEach((n, i) => {
    if (n !== r.numbers[i]) throw new Bad(`numbers[${i}] is ${r.numbers[i]} but the seed gives ${n}`);
  });
  return `numbers [${r.numbers.join(', ')}] follow from the seed`;
}

// ---- main

function main(args) {
  if (args.length !== 2) {
    console.error('usage: node verify-reply.mjs REPLY.json|- PUBLIC_KEY.pem|KEYS.json');
    return 2;
  }
  let replyText;
  let keyText;
  try {
    replyText = readFileSync(args[0] === '-' ? 0 : args[0], 'utf8');
    keyText = readFileSync(args[1], 'utf8');
  } catch (e) {
    console.error(`cannot read: ${e.message}`);
    return 2;
  }
  try {
    const reply = readReply(replyText);
    if (reply.signature === null) throw new Bad('the reply is not signed');
    if (reply.keyId === null) throw new Bad('the reply does not name its key (no keyId)');
    const key = readKey(keyText, reply.keyId);
    const keyId = keyIdOf(key);
    if (keyId !== reply.keyId) throw new Bad(`the reply is signed with key ${reply.keyId}, the given key is ${keyId}`);
    if (!verify(null, drawEncoding(reply), key, reply.signature)) {
      throw new Bad(`the signature does not verify with key ${keyId}: the reply was altered or signed by another key`);
    }
    const numbers = checkNumbers(reply);
    console.log(`OK: reply ${reply.requestId} (serial ${reply.serial}) is signed by key ${keyId}; ${numbers}`);
    return 0;
  } catch (e) {
    // A Bad is a verdict; anything else (say, a key file that is not a key) also means "not verified".
    console.log(`BAD: ${e instanceof Bad ? '' : 'cannot verify: '}${e.message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
