// Step 1 of check.sh: every HCL file of terraform-msk/ (.tf, .tfvars, backend settings) must parse.
// Prints one line per file and exits 1 with the parser's message (file:line:column) on any error.

import { parseAll } from './lib/config.mjs';

const { files, errors } = await parseAll();
for (const { rel, json } of files) {
  const what = rel.endsWith('.tf') ? Object.keys(json).join(', ') : `${Object.keys(json).length} settings`;
  console.log(`parsed  ${rel}  (${what || 'empty'})`);
}
for (const { rel, message } of errors) {
  console.error(`ERROR   ${rel}: ${message}`);
}
console.log(`hcl: ${files.length} of ${files.length + errors.length} files parse`);
process.exit(errors.length === 0 && files.length > 0 ? 0 : 1);
