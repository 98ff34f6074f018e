// Invariants of terraform-msk/, checked on the parsed HCL (no Terraform binary needed).
// Run: bash check.sh (or, after npm ci: node --test test/invariants.test.mjs).
// The checks themselves are in test/lib/invariants.mjs; test/mutations.mjs proves each can fail.

import test from 'node:test';
import { loadContext } from './lib/config.mjs';
import { invariants } from './lib/invariants.mjs';

const ctx = await loadContext();

for (const { name, check } of invariants(ctx)) {
  test(name, () => check());
}
