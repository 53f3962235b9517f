// Validates Kubernetes objects against the JSON schemas of the Kubernetes APIs (kubernetes-models:
// Kubernetes 1.34) and of the two custom resources the chart can render (KEDA's ScaledObject, the
// Prometheus Operator's ServiceMonitor), strictly: a field no schema declares is an error.
//
//   node validate.mjs OBJECTS.json     OBJECTS.json: a JSON array of the objects, as Helm rendered them
//
// Prints one line per problem ("Deployment/stt-api: /spec/replicass: unknown field") and exits 1 when
// there is any; prints "N objects valid" and exits 0 otherwise.
//
// Why the tracking below: the packages ship their schemas compiled into validator functions, and the
// Kubernetes schemas leave unknown fields allowed (the API server drops them without a word, which is
// how a misspelt "replicass" would go unnoticed). A compiled validator reads every field its schema
// declares, present or not, and enumerates the keys of the maps its schema declares (labels,
// ConfigMap data). So each object is handed to the validator behind a proxy that notes those reads;
// a key of an object that was neither read nor enumerated is one no schema declares. That is the
// "additionalProperties: false" rule of strict validators, applied to the packages' own schemas.

import { readFileSync } from "node:fs";

// API groups outside Kubernetes itself, and the package that carries their schemas.
const CUSTOM_GROUPS = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelClass(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const builtIn = group === "" || group.endsWith(".k8s.io") || !group.includes(".");
  const pkg = builtIn ? "kubernetes-models" : CUSTOM_GROUPS[group];
  if (!pkg) {
    return null;
  }
  try {
    const models = await import(`${pkg}/${apiVersion}`);
    return models[kind] ?? null;
  } catch (e) {
    if (e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || e.code === "ERR_MODULE_NOT_FOUND") {
      return null;
    }
    throw e;
  }
}

/** Wraps value so that every key the validator reads, or every object it enumerates, is noted in seen. */
function tracked(value, path, seen) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  const record = { path, value, read: new Set(), enumerated: false };
  seen.push(record);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== "string") {
        return child;
      }
      record.read.add(key);
      if (child === null || typeof child !== "object") {
        return child;
      }
      if (!children.has(key)) {
        children.set(key, tracked(child, `${path}/${key}`, seen));
      }
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === "string") {
        record.read.add(key);
      }
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(seen) {
  const unknown = [];
  for (const { path, value, read, enumerated } of seen) {
    if (Array.isArray(value) || enumerated) {
      continue;
    }
    for (const key of Object.keys(value)) {
      if (!read.has(key)) {
        unknown.push(`${path}/${key}`);
      }
    }
  }
  return unknown;
}

async function problemsOf(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["no apiVersion or kind"];
  }
  const Model = await modelClass(apiVersion, kind);
  if (!Model) {
    return [`no schema for ${kind} in ${apiVersion}`];
  }
  const seen = [];
  const problems = [];
  try {
    Model.prototype.validate.call(tracked(object, "", seen));
  } catch (e) {
    if (!Array.isArray(e.errors)) {
      throw e;
    }
    for (const error of e.errors) {
      problems.push(`${error.instancePath || "/"}: ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`);
    }
  }
  for (const field of unknownFields(seen)) {
    problems.push(`${field}: unknown field`);
  }
  return problems;
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs OBJECTS.json");
  process.exit(2);
}
const objects = JSON.parse(readFileSync(file, "utf8"));
let failed = 0;
for (const object of objects) {
  const name = `${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
  for (const problem of await problemsOf(object)) {
    console.log(`${name}: ${problem}`);
    failed++;
  }
}
if (failed > 0) {
  process.exit(1);
}
console.log(`${objects.length} objects valid`);
