// Validates rendered Kubernetes objects against their schemas, as published in the kubernetes-models packages:
// the Kubernetes API itself (kubernetes-models) and the CRDs the chart uses (Prometheus Operator, KEDA,
// Argo Rollouts, External Secrets).
//   1. The models' JSON-schema validators: wrong types, missing required fields, bad enum values.
//   2. Unknown fields, which those validators let through (and which Helm and the API server would drop
//      silently: a misspelt readOnlyRootFilesystem is no protection): every object is written as a TypeScript
//      object literal typed with its model's interface (IDeployment, IScaledObject, ...) and type-checked;
//      TypeScript's excess-property check names each field the schema does not have.
//
// Usage: node validate.mjs <objects.json>
//   objects.json: [{"source": "<where it came from>", "object": {<a rendered object>}}, ...]
// Prints one JSON document: {"results": [{"source", "apiVersion", "kind", "name", "schema", "errors": [...]}]}.
// An object with no known schema is an error too, so nothing is left unchecked. Exits 0 when it could
// check (the caller judges the errors), 2 on bad usage.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// apiVersion group -> the package (and folder) that holds its models.
const PACKAGES = new Map([
  ["", "kubernetes-models/v1"],
  ["apps", "kubernetes-models/apps"],
  ["policy", "kubernetes-models/policy"],
  ["autoscaling", "kubernetes-models/autoscaling"],
  ["networking.k8s.io", "kubernetes-models/networking.k8s.io"],
  ["batch", "kubernetes-models/batch"],
  ["rbac.authorization.k8s.io", "kubernetes-models/rbac.authorization.k8s.io"],
  ["monitoring.coreos.com", "@kubernetes-models/prometheus-operator/monitoring.coreos.com"],
  ["keda.sh", "@kubernetes-models/keda/keda.sh"],
  ["argoproj.io", "@kubernetes-models/argo-rollouts/argoproj.io"],
  ["external-secrets.io", "@kubernetes-models/external-secrets/external-secrets.io"],
]);

function modulePath(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const base = PACKAGES.get(group);
  if (!base) {
    return null;
  }
  // Core objects live at kubernetes-models/v1/<Kind>; the others at <package>/<group>/<version>/<Kind>.
  return group === "" ? `${base}/${kind}` : `${base}/${version}/${kind}`;
}

async function validate(entry) {
  const object = entry.object ?? {};
  const { apiVersion, kind } = object;
  const result = {
    source: entry.source,
    apiVersion,
    kind,
    name: object.metadata?.name,
    schema: null,
    errors: [],
  };
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    result.errors.push("apiVersion and kind must be strings");
    return result;
  }
  const path = modulePath(apiVersion, kind);
  if (!path) {
    result.errors.push(`no schema known for ${apiVersion} ${kind}`);
    return result;
  }
  let model;
  try {
    model = (await import(path))[kind];
  } catch (e) {
    result.errors.push(`no schema known for ${apiVersion} ${kind} (${path}: ${e.code ?? e.message})`);
    return result;
  }
  if (typeof model !== "function") {
    result.errors.push(`no model ${kind} in ${path}`);
    return result;
  }
  result.schema = path;
  try {
    new model(object).validate();
  } catch (e) {
    result.errors.push(e.message);
  }
  return result;
}

// Type-checks every object that has a model against the model's interface; adds the diagnostics to its errors.
function checkFields(entries, results) {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, ".typecheck");
  mkdirSync(dir, { recursive: true });
  const imports = [];
  const lines = [];
  const lineToResult = new Map();
  results.forEach((result, index) => {
    if (!result.schema) {
      return;
    }
    imports.push(`import type { I${result.kind} as T${index} } from "${result.schema}";`);
    lineToResult.set(lines.length, result);
    lines.push(`export const o${index}: T${index} = ${JSON.stringify(entries[index].object)};`);
  });
  const offset = imports.length;
  const file = join(dir, "objects.ts");
  writeFileSync(file, [...imports, ...lines].join("\n") + "\n");
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  });
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    const line = diagnostic.file ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line : -1;
    const result = lineToResult.get(line - offset);
    if (result) {
      result.errors.push(`field check: ${message}`);
    } else {
      // An import that does not resolve, or anything else: never silently ignored.
      results.forEach((r) => r.schema && r.errors.push(`field check failed: ${message}`));
    }
  }
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <objects.json>");
  process.exit(2);
}
const entries = JSON.parse(readFileSync(file, "utf8"));
if (!Array.isArray(entries)) {
  console.error("validate.mjs: the input must be a JSON array of {source, object}");
  process.exit(2);
}
const results = [];
for (const entry of entries) {
  results.push(await validate(entry));
}
checkFields(entries, results);
process.stdout.write(JSON.stringify({ results }));
