// Validates an AsyncAPI document with the official parser (@asyncapi/parser) and its Avro schema parser.
// Usage: node check.mjs [../asyncapi.yaml]. Exit 0 when the document has no error, 1 otherwise.
//
// The Avro files of the contract share named types across files (RandomReply names io.rngstream.avro.ReplyStatus,
// defined in ReplyStatus.avsc), as the Avro compiler reads them: as one set. The stock Avro schema parser sees one
// file at a time and would call those names undefined. So every .avsc file beside a referenced one is read first,
// and a referenced schema is checked and converted with those named types expanded in place, which is the
// self-contained schema a serializer registers. Everything else is the stock parser's work.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const here = dirname(fileURLToPath(import.meta.url));
const documentPath = resolve(process.argv[2] ?? join(here, '..', 'asyncapi.yaml'));
const avroDir = resolve(here, '..', '..', 'schemas', 'src', 'main', 'avro');

/** Every named type (record, enum, fixed) of the .avsc files, by full name. */
function namedTypes(dir) {
  const types = new Map();
  const collect = (schema, namespace) => {
    if (Array.isArray(schema)) {
      schema.forEach((branch) => collect(branch, namespace));
    } else if (schema && typeof schema === 'object') {
      const ns = schema.namespace ?? namespace;
      if (['record', 'enum', 'fixed'].includes(schema.type) && schema.name) {
        const fullName = schema.name.includes('.') ? schema.name : (ns ? `${ns}.${schema.name}` : schema.name);
        types.set(fullName, { ...schema, name: fullName, namespace: undefined });
      }
      (schema.fields ?? []).forEach((field) => collect(field.type, ns));
      collect(schema.items, ns);
      collect(schema.values, ns);
      if (typeof schema.type === 'object') collect(schema.type, ns);
    }
  };
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.avsc'))) {
    collect(JSON.parse(readFileSync(join(dir, file), 'utf8')), undefined);
  }
  return types;
}

/** The schema with every named type it references defined at its first use, so that it stands alone. */
function expand(schema, types, defined = new Set(), namespace = undefined) {
  if (typeof schema === 'string') {
    const fullName = schema.includes('.') || !namespace ? schema : `${namespace}.${schema}`;
    const named = types.get(fullName) ?? types.get(schema);
    if (!named || defined.has(named.name)) return schema;
    return expand(named, types, defined, namespace);
  }
  if (Array.isArray(schema)) return schema.map((branch) => expand(branch, types, defined, namespace));
  if (!schema || typeof schema !== 'object') return schema;
  const ns = schema.namespace ?? (schema.name?.includes('.') ? schema.name.slice(0, schema.name.lastIndexOf('.')) : namespace);
  if (['record', 'enum', 'fixed'].includes(schema.type) && schema.name) {
    defined.add(schema.name.includes('.') || !ns ? schema.name : `${ns}.${schema.name}`);
  }
  const copy = { ...schema };
  if (copy.fields) copy.fields = copy.fields.map((field) => ({ ...field, type: expand(field.type, types, defined, ns) }));
  if (copy.items !== undefined) copy.items = expand(copy.items, types, defined, ns);
  if (copy.values !== undefined) copy.values = expand(copy.values, types, defined, ns);
  if (typeof copy.type === 'object' || (typeof copy.type === 'string' && types.has(copy.type))) {
    copy.type = expand(copy.type, types, defined, ns);
  }
  return copy;
}

// The parser's AsyncAPI 3 ruleset checks the document and converts custom-format schemas, but (unlike its AsyncAPI 2
// ruleset) never asks the schema parser to validate them: a misspelt Avro type would pass unnoticed, converted to an
// empty schema. So every Avro schema is validated here, with avsc as the stock Avro parser does, while converting.
const avroErrors = [];
function contractAvroParser(types) {
  const stock = AvroSchemaParser();
  const standalone = (input) => ({ ...input, data: expand(input.data, types) });
  const validate = async (input) => {
    const problems = await stock.validate(standalone(input));
    problems.forEach((problem) => avroErrors.push({ ...problem, path: problem.path ?? input.path }));
    return problems;
  };
  return {
    getMimeTypes: () => stock.getMimeTypes(),
    validate,
    parse: async (input) => {
      await validate(input);
      return stock.parse(standalone(input));
    },
  };
}

const parser = new Parser();
parser.registerSchemaParser(contractAvroParser(namedTypes(avroDir)));

const { document, diagnostics } = await fromFile(parser, documentPath).parse();
const errors = [
  ...diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
  ...avroErrors.map((problem) => ({ ...problem, message: `Avro schema: ${problem.message}` })),
];
const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning);
const where = (d) => (d.path && d.path.length ? d.path.join('.') : '(document)');
for (const d of errors) console.error(`error   ${where(d)}: ${d.message}`);
for (const d of warnings) console.error(`warning ${where(d)}: ${d.message}`);

if (!document || errors.length > 0) {
  console.log(`asyncapi: INVALID ${documentPath}: ${errors.length} error(s), ${warnings.length} warning(s)`);
  process.exit(1);
}
const count = (collection) => collection.length;
console.log(`asyncapi: OK ${documentPath}: AsyncAPI ${document.version()}, ${count(document.channels())} channels, `
  + `${count(document.operations())} operations, ${count(document.messages())} messages, `
  + `${warnings.length} warning(s)`);
