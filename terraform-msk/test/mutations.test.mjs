// Proves that the invariants can fail: for each mutation in test/lib/mutations.mjs, the module is
// loaded with that one thing broken (in memory) and the invariant named for it must fail.
// The unmodified module must pass every invariant first, so a failure is the mutation's doing.

import assert from 'node:assert/strict';
import test from 'node:test';
import { loadContext } from './lib/config.mjs';
import { describe, failing, MUTATIONS, mutated } from './lib/mutations.mjs';

test('mutation baseline: the unmodified module passes every invariant', async () => {
  assert.deepEqual(failing(await loadContext()), []);
});

for (const m of MUTATIONS) {
  test(`mutation caught by "${m.expect}": ${describe(m)}`, async () => {
    const failed = failing(await loadContext(await mutated(m)));
    assert.ok(
      failed.some((name) => name.startsWith(m.expect)),
      `no invariant starting with "${m.expect}" failed; failed instead: ${failed.join('; ') || 'nothing'}`,
    );
  });
}
