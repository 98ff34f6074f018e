// Loads terraform-msk/ the way Terraform would see it, without Terraform: every HCL file parsed by
// @cdktf/hcl2json (HashiCorp's HCL parser compiled to WebAssembly), the .tf files merged into one
// configuration, the env .tfvars kept apart. Syntax only: nothing is evaluated, so expressions stay
// strings such as "${aws_kms_key.data.arn}".
//
// The mutation check (test/mutations.mjs) loads the same module with some files' text replaced
// (`override`), in the same process.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';

const here = path.dirname(fileURLToPath(import.meta.url));
export const moduleDir = path.resolve(here, '..', '..');
const repoDir = path.resolve(moduleDir, '..');

// The processor's own sources the module must agree with.
export const topicsJavaPath = path.join(repoDir, 'core/src/main/java/io/rngstream/core/protocol/Topics.java');
export const processorDefaultsPath = path.join(repoDir, 'processor/src/main/resources/io/rngstream/processor/defaults.properties');

// Which files are HCL here: Terraform code, variable files, backend settings (and their example).
const HCL_FILE = /\.(tf|tfvars|tfbackend|tfbackend\.example)$/;
const SKIP_DIRS = new Set(['node_modules', '.terraform', 'test']);

/** Relative paths of every HCL file of the module, sorted. */
export async function listHclFiles(dir = moduleDir, prefix = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
        out.push(...await listHclFiles(path.join(dir, entry.name), rel));
      }
    } else if (HCL_FILE.test(entry.name)) {
      out.push(rel);
    }
  }
  return out.sort();
}

// Parsing is the slow part (WebAssembly); the mutation tests load the module 30+ times with one file
// changed, so results are reused for identical text (as copies: callers may not share them).
const parsed = new Map();
async function parseCached(rel, text) {
  const key = `${rel}\0${text}`;
  if (!parsed.has(key)) parsed.set(key, await parse(rel, text));
  return structuredClone(parsed.get(key));
}

/**
 * Parses every HCL file; returns the parsed ones and the errors (a file that does not parse).
 * `override` maps a relative path to the text to parse instead of the file's.
 */
export async function parseAll(override = {}) {
  const files = [];
  const errors = [];
  for (const rel of await listHclFiles()) {
    const text = override[rel] ?? await readFile(path.join(moduleDir, rel), 'utf8');
    try {
      files.push({ rel, json: await parseCached(rel, text) });
    } catch (error) {
      errors.push({ rel, message: String(error?.message ?? error).trim() });
    }
  }
  return { files, errors };
}

const BLOCKS_BY_TYPE_AND_NAME = ['resource', 'data'];
const BLOCKS_BY_NAME = ['variable', 'output', 'module'];

/**
 * Merges the parsed root .tf files into one configuration, as Terraform does with a directory:
 *   resource[type][name] / data[type][name] -> { body, file }
 *   variable[name] / output[name]           -> { body, file }
 *   locals                                  -> { name: value } (all locals blocks)
 *   provider[name]                          -> [body, ...]
 *   terraform                               -> [body, ...]
 * Duplicate definitions are collected in `duplicates` (Terraform would refuse them).
 */
export function mergeTf(files) {
  const cfg = { resource: {}, data: {}, variable: {}, output: {}, module: {}, locals: {}, provider: {}, terraform: [], duplicates: [] };
  for (const { rel, json } of files) {
    if (!rel.endsWith('.tf') || rel.includes('/')) continue;
    for (const kind of BLOCKS_BY_TYPE_AND_NAME) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        cfg[kind][type] ??= {};
        for (const [name, bodies] of Object.entries(byName)) {
          if (cfg[kind][type][name] || bodies.length !== 1) cfg.duplicates.push(`${kind}.${type}.${name}`);
          cfg[kind][type][name] = { body: bodies[0], file: rel };
        }
      }
    }
    for (const kind of BLOCKS_BY_NAME) {
      for (const [name, bodies] of Object.entries(json[kind] ?? {})) {
        if (cfg[kind][name] || bodies.length !== 1) cfg.duplicates.push(`${kind}.${name}`);
        cfg[kind][name] = { body: bodies[0], file: rel };
      }
    }
    for (const block of json.locals ?? []) {
      for (const [name, value] of Object.entries(block)) {
        if (name in cfg.locals) cfg.duplicates.push(`local.${name}`);
        cfg.locals[name] = value;
      }
    }
    for (const [name, bodies] of Object.entries(json.provider ?? {})) {
      (cfg.provider[name] ??= []).push(...bodies);
    }
    cfg.terraform.push(...(json.terraform ?? []));
  }
  return cfg;
}

/** The parsed module: files, parse errors, merged .tf configuration, env tfvars, backend example. */
export async function loadModule(override = {}) {
  const { files, errors } = await parseAll(override);
  const tf = mergeTf(files);
  const tfvars = {};
  for (const { rel, json } of files) {
    const match = /^envs\/([^/]+)\.tfvars$/.exec(rel);
    if (match) tfvars[match[1]] = json;
  }
  const backendExample = files.find((f) => f.rel === 'envs/backend.s3.tfbackend.example')?.json;
  return { files, errors, tf, tfvars, backendExample };
}

/**
 * Everything the invariants look at: the module, and the processor's Topics.java constants and
 * default properties. `override` maps module-relative paths, or the key 'Topics.java', to replacement text.
 */
export async function loadContext(override = {}) {
  const mod = await loadModule(override);
  const topicsJava = override['Topics.java'] ?? await readFile(topicsJavaPath, 'utf8');
  return {
    mod,
    tf: mod.tf,
    tfvars: mod.tfvars,
    locals: mod.tf.locals,
    topics: javaStringConstants(topicsJava),
    processorDefaults: parseProperties(await readFile(processorDefaultsPath, 'utf8')),
  };
}

// --- Reading expressions -------------------------------------------------------------------------

/**
 * Replaces ${local.x} and ${local.x.y} by the local's value where that value is a literal (a string or
 * number without interpolation), repeatedly. Other references stay as written. Used to read IAM
 * resources and ports the way they end up, e.g. "${local.kafka_topic_arn_prefix}rng.requests.v1".
 */
export function resolveLiteralLocals(value, locals) {
  if (typeof value !== 'string') return value;
  let current = value;
  for (let i = 0; i < 10; i += 1) {
    const next = current.replace(/\$\{local\.([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\}/g, (whole, name, key) => {
      let target = locals[name];
      if (key !== undefined) target = target && typeof target === 'object' ? target[key] : undefined;
      if (typeof target === 'number') return String(target);
      if (typeof target === 'string' && !target.includes('${')) return target;
      return whole;
    });
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** A single nested block (hcl2json gives every block as a list). */
export function block(body, name) {
  const list = body?.[name];
  return Array.isArray(list) ? list[0] : undefined;
}

/** Every string anywhere inside a value. */
export function allStrings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

// --- The processor's sources -----------------------------------------------------------------------

/** The `public static final String` constants of a Java source, unescaped. */
export function javaStringConstants(text) {
  const constants = {};
  for (const m of text.matchAll(/public\s+static\s+final\s+String\s+(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*;/g)) {
    constants[m[1]] = m[2].replace(/\\(.)/g, '$1');
  }
  return constants;
}

/** key=value lines of a .properties text (no continuation lines; enough for the processor's defaults). */
export function parseProperties(text) {
  const props = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.search(/[=:]/);
    if (at < 0) continue;
    props[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return props;
}

/**
 * A Java regular expression that only escapes literal characters and ends with ".*" (like
 * rng\.replies\..*), turned into the same set as an IAM wildcard (rng.replies.*). Anything else
 * throws: it has no exact IAM equivalent.
 */
export function regexToIamWildcard(regex) {
  let out = '';
  for (let i = 0; i < regex.length; i += 1) {
    const c = regex[i];
    if (c === '\\' && i + 1 < regex.length && /[.\-_]/.test(regex[i + 1])) {
      out += regex[i + 1];
      i += 1;
    } else if (c === '.' && regex[i + 1] === '*' && i + 2 === regex.length) {
      out += '*';
      i += 1;
    } else if (/[A-Za-z0-9_-]/.test(c)) {
      out += c;
    } else {
      throw new Error(`no IAM wildcard for regular expression ${regex} (at ${c})`);
    }
  }
  return out;
}

// --- Small helpers for values ------------------------------------------------------------------------

const PRIVATE_V4 = [
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10],
];

function ipv4ToInt(ip) {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** True for an IPv4 CIDR inside RFC 1918 or RFC 6598 space (what the CIDR variables accept). */
export function isPrivateCidr(cidr) {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(cidr);
  if (!m) return false;
  const ip = ipv4ToInt(m[1]);
  const len = Number(m[2]);
  if (ip === null || len > 32) return false;
  return PRIVATE_V4.some(([net, netLen]) => {
    if (len < netLen) return false;
    const mask = netLen === 0 ? 0 : (~0 << (32 - netLen)) >>> 0;
    return ((ip & mask) >>> 0) === ipv4ToInt(net);
  });
}
