// Compiles each JSON Schema named on the command line with Ajv 8 (draft 2020-12, strict mode,
// ajv-formats) and validates the schema's own examples: the root's `examples` (each a whole
// event) and, for a schema whose properties carry `examples`, an event made of the first
// example of each property. Prints one line per problem and exits 1 when there is any.
"use strict";
const fs = require("fs");
const Ajv07 = require("ajv").default;
const Ajv2019 = require("ajv/dist/2019").default;
const Ajv2020 = require("ajv/dist/2020").default;

// Ajv's class for the draft the schema's `$schema` names (draft 2020-12 when it names none).
function ajvFor(schema) {
  const draft = String(schema.$schema || "");
  if (draft.includes("draft-07")) return Ajv07;
  if (draft.includes("2019-09")) return Ajv2019;
  return Ajv2020;
}
const addFormats = require("ajv-formats").default;

let problems = 0;
function problem(file, text) {
  problems += 1;
  console.log(`${file}: ${text}`);
}

// An event made of the first example of each property, recursing into nested objects and
// arrays; null when some required property has no example.
function fromPropertyExamples(schema) {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.type === "object" && schema.properties) {
    const event = {};
    for (const [name, sub] of Object.entries(schema.properties)) {
      const value = fromPropertyExamples(sub);
      if (value !== null) event[name] = value;
      else if ((schema.required || []).includes(name)) return null;
    }
    return event;
  }
  if (schema.type === "array" && schema.items) {
    const item = fromPropertyExamples(schema.items);
    return item === null ? null : [item];
  }
  return null;
}

for (const file of process.argv.slice(2)) {
  const schema = JSON.parse(fs.readFileSync(file, "utf8"));
  const Ajv = ajvFor(schema);
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  // Registries write draft-07's meta-schema as https://, the meta-schema names itself http://.
  if (Ajv === Ajv07 && String(schema.$schema).startsWith("https://")) {
    const meta = require("ajv/dist/refs/json-schema-draft-07.json");
    ajv.addMetaSchema({ ...meta, $id: String(schema.$schema) });
  }
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    problem(file, `does not compile: ${e.message}`);
    continue;
  }
  const events = Array.isArray(schema.examples) ? schema.examples : [];
  if (events.length === 0) {
    const made = fromPropertyExamples({ ...schema, examples: undefined });
    if (made !== null) events.push(made);
  }
  events.forEach((event, i) => {
    if (!validate(event)) {
      problem(file, `example ${i + 1} is refused: ${ajv.errorsText(validate.errors)}`);
    }
  });
  console.log(`${file}: compiled, ${events.length} example(s) checked`);
}
process.exit(problems > 0 ? 1 : 0);
