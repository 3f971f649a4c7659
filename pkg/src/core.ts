// The JavaScript API of rtk-preset: a small facade over the WebAssembly build of the Rust core.
// It checks argument types (TypeError), turns JS values into JSON text, and parses what the core
// returns; every rule, message and position comes from the core, so the CLI and this package
// report the same diagnostics for the same input.
//
// The module initialises itself on the first call, synchronously, from what `wasmSource()` gives:
// the build links each entry with its own `./load.js` (the bytes embedded in the default entry, the
// module wrangler compiles at deploy time in the Workers entry, nothing in the `manual` entry). No
// top-level `await` and no module kept only for its side effects, so bundlers cannot drop it.

import initWasm, {
  initSync as initWasmSync,
  checkAppText,
  checkText,
  explainText,
  fixText,
  rulesText,
  schemaName,
} from "./wasm/rtk_preset_wasm.js";
import { wasmSource } from "./load.js";
import { RULE_DOCS } from "./wasm/rule_docs.js";
import { SCHEMAS } from "./wasm/schemas.js";
import type { Api, DefaultApi, Kind as DocumentKind, PresetOf } from "./model.js";

// The revisions' namespaces are named here: a new revision adds its namespace to this line.
export type { Api, DeepPartial, DefaultApi, PresetOf, V2026_01, V2026_06 } from "./model.js";

/** A document kind, or `auto` (pick `list` or `response` by shape, else `create`). */
export type Kind = "auto" | DocumentKind;

/** How loudly a rule reports. */
export type Level = "off" | "info" | "warning" | "error";

/** How to check a document. */
export interface Options {
  /** The API revision, default `2026-06`. */
  api?: Api;
  /** The document kind, default `auto`. */
  kind?: Kind;
  /** A level per rule id, such as `{ "low-contrast": "error" }`. */
  rules?: Record<string, Level>;
}

/** How to fix a document. */
export interface FixOptions extends Options {
  /** Also apply fixes that change what the document says (default false). */
  unsafeFixes?: boolean;
}

/** How serious a finding is: only `error` makes a document invalid. */
export type Severity = "error" | "warning" | "info";

/**
 * The facts behind a finding's message, for apps that word or translate their own. Which are
 * present depends on the rule; `field` and `value` are there whenever the document has them.
 */
export interface Params {
  /** The key of the field at fault (the last key of `path`). */
  field?: string;
  /** The value at fault, when it is a scalar (a number beyond a double is its text). */
  value?: string | number | boolean | null;
  /** The JSON types the field takes: `["number"]`, `["string", "null"]` (`wrong-type`, `missing-field`). */
  expected?: string[];
  /** The JSON type the value has (`wrong-type`). */
  found?: string[];
  /** The values the field takes (`invalid-value`, `not-in-revision`). */
  allowed?: unknown[];
  /** The nearest valid value or key (`invalid-value`, `unknown-field`). */
  suggestion?: string;
  /** A key here that looks like a misspelling of the missing field (`missing-field`). */
  typo?: string;
  /** The bound crossed (`out-of-range`). */
  minimum?: number | string;
  maximum?: number | string;
  /** The format the string should have (`invalid-format`): `uuid`, `date-time` or `uri`. */
  format?: string;
  /** The API revision where the value or field exists (`not-in-revision`, `unknown-field`). */
  revision?: Api;
  /** A repeated or unknown key (`duplicate-key`, `unknown-field`). */
  key?: string;
  /** The sibling object an unknown key is a field of (`unknown-field`): `private` for `can_receive` in `chat.public`. */
  belongs?: string;
  /** Findings of the rule left out past the limit per document. */
  count?: number;
  /** Whether the value was an empty form input (`NaN` or `undefined`), in `checkValue`. */
  empty?: boolean;
}

/** One finding, shaped as one entry of the CLI's `--format json` diagnostics, plus `path` and `params`. */
export interface Diagnostic {
  /** The rule id, such as `out-of-range`. */
  rule: string;
  severity: Severity;
  /** What is wrong: lowercase, concrete, plain text (the CLI's messages quote keys in backticks). */
  message: string;
  /** RFC 6901 pointer to the value at fault (for a missing field, the field itself). */
  pointer: string;
  /** 1-based line of the start. */
  line: number;
  /** 1-based column of the start, in Unicode code points. */
  column: number;
  end_line: number;
  end_column: number;
  /** Byte offsets in the UTF-8 encoding of the text. */
  span: { start: number; end: number };
  /** What to do about it, when there is something to do. */
  help?: string;
  /** Other places in the text the finding refers to (the first of two duplicate keys). */
  related?: Related[];
  /** The pointer split into segments (numbers for array indices), as form libraries key fields. */
  path: (string | number)[];
  /** The facts behind the message. */
  params: Params;
}

/** Another place in the text a finding refers to. */
export interface Related {
  /** What is there, such as "the first name". */
  message: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  span: { start: number; end: number };
}

/** A finding about a JS value: no text, so no line, column, span or related place. */
export type ValueDiagnostic = Omit<Diagnostic, "line" | "column" | "end_line" | "end_column" | "span" | "related">;

/** The result of `check`. */
export interface Report {
  /** True when no finding has error severity. */
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** The result of `checkValue`. */
export interface ValueReport {
  valid: boolean;
  diagnostics: ValueDiagnostic[];
}

/** A rule of the catalog. */
export interface RuleInfo {
  id: string;
  /** The default level. */
  severity: Level;
  category: string;
  summary: string;
  fix: "none" | "safe" | "unsafe";
}

/**
 * A compiled `WebAssembly.Module`. Typed structurally (as is everything here that the DOM or Node
 * libraries would name), so that the types compile with `lib: ["es2022"]` alone.
 */
export type WasmModule = object;

/** The bytes of the `.wasm`: an `ArrayBuffer` or a view of one (a `Uint8Array`, a Node `Buffer`). */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/**
 * What `init` accepts: the `.wasm`'s URL (a string, or a `URL`), its bytes, a fetch `Response`, or
 * a compiled module.
 */
export type InitInput = string | { readonly href: string } | WasmBytes | WasmModule;

let ready = false;

/**
 * Initialises the module synchronously from a compiled `WebAssembly.Module` or from the bytes of
 * the `.wasm`. Only the `rtk-preset/manual` entry needs it (or `init`); the others initialise
 * themselves on the first call.
 */
export function initSync(module: WasmModule | WasmBytes): void {
  if (ready) return;
  initWasmSync({ module: module as never });
  ready = true;
}

/**
 * Initialises the module from the `.wasm`'s URL (fetched, and compiled while it downloads), a
 * `Response`, its bytes or a compiled module: for `rtk-preset/manual`, which keeps the `.wasm` a
 * separate file your server caches (`rtk-preset/wasm` resolves to it).
 */
export async function init(input: InitInput | PromiseLike<InitInput>): Promise<void> {
  if (ready) return;
  await initWasm({ module_or_path: (await input) as never });
  ready = true;
}

function ensureReady(): void {
  if (ready) return;
  const source = wasmSource();
  if (source === undefined) {
    throw new Error(
      "rtk-preset: the WebAssembly module is not initialised; `rtk-preset/manual` needs " +
        "`await init(url)` or `initSync(module)` first (the default entry `rtk-preset` does it itself)",
    );
  }
  initSync(source);
}

interface Outcome<T> {
  ok?: T;
  error?: { type: string; message: string };
}

function unwrap<T>(result: string): T {
  const outcome = JSON.parse(result) as Outcome<T>;
  if (outcome.error) {
    const Class =
      outcome.error.type === "RangeError" ? RangeError : outcome.error.type === "TypeError" ? TypeError : Error;
    throw new Class(`rtk-preset: ${outcome.error.message}`);
  }
  return outcome.ok as T;
}

const OPTION_TYPES: Record<string, string> = {
  api: "string",
  kind: "string",
  rules: "object",
  unsafeFixes: "boolean",
};

function encodeOptions(options: unknown, allowed: string[]): string {
  if (options === undefined) return "{}";
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`rtk-preset: options must be an object, got ${describe(options)}`);
  }
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) {
      throw new TypeError(`rtk-preset: unknown option \`${key}\`; known options: ${allowed.join(", ")}`);
    }
    if (typeof value !== OPTION_TYPES[key] || value === null || Array.isArray(value)) {
      throw new TypeError(`rtk-preset: options.${key} must be a ${OPTION_TYPES[key]}, got ${describe(value)}`);
    }
    if (key === "rules") {
      for (const [rule, level] of Object.entries(value as Record<string, unknown>)) {
        if (typeof level !== "string") {
          throw new TypeError(`rtk-preset: options.rules.${rule} must be a string, got ${describe(level)}`);
        }
      }
    }
    picked[key] = value;
  }
  return JSON.stringify(picked);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function requireString(text: unknown, what: string): string {
  if (typeof text !== "string") {
    throw new TypeError(`rtk-preset: ${what} must be a string, got ${describe(text)}`);
  }
  return text;
}

interface CoreReport {
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** The host's UTF-8 encoder (native where there is one), for the text handed to the module. */
const utf8 = new TextEncoder();

/** Checks the text of a preset document. */
export function check(text: string, options?: Options): Report {
  requireString(text, "the text");
  const encoded = encodeOptions(options, ["api", "kind", "rules"]);
  ensureReady();
  const report = unwrap<CoreReport>(checkText(utf8.encode(text), encoded));
  return { valid: report.valid, diagnostics: report.diagnostics };
}

/** Nesting the core accepts (deeper documents are refused as a whole). */
const MAX_DEPTH = 128;

/**
 * A JS value as JSON text, as `JSON.stringify` writes it (`undefined`, functions and symbols left
 * out, `toJSON` honoured, non-finite numbers as `null`), except that a `BigInt` keeps its exact
 * digits and a cycle is a `TypeError` naming where it closes. The pointers of the values an empty
 * form input leaves (`NaN`, and object members that are `undefined`) go to `empty`.
 */
function toJson(value: unknown, empty: Set<string> = new Set()): string {
  const ancestors: object[] = [];
  const pointer = (path: (string | number)[]) =>
    path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
  const where = (path: (string | number)[]) => pointer(path) || "the root";
  const write = (v: unknown, path: (string | number)[]): string | undefined => {
    if (v === null) return "null";
    switch (typeof v) {
      case "string":
        return JSON.stringify(v);
      case "number":
        if (Number.isNaN(v)) empty.add(pointer(path));
        return Number.isFinite(v) ? JSON.stringify(v) : "null";
      case "boolean":
        return v ? "true" : "false";
      case "bigint":
        return v.toString();
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    const object = v as Record<string, unknown>;
    if (typeof object.toJSON === "function") return write((object.toJSON as () => unknown)(), path);
    if (ancestors.includes(object)) {
      throw new TypeError(`rtk-preset: the value contains a cycle at ${where(path)}`);
    }
    if (ancestors.length >= MAX_DEPTH) {
      throw new TypeError(`rtk-preset: the value is nested deeper than ${MAX_DEPTH} levels at ${where(path)}`);
    }
    ancestors.push(object);
    try {
      if (Array.isArray(object)) {
        // Array.from visits holes (as `undefined`), which JSON.stringify writes as `null` too.
        return "[" + Array.from(object, (item, i) => write(item, [...path, i]) ?? "null").join(",") + "]";
      }
      const members: string[] = [];
      for (const key of Object.keys(object)) {
        const written = write(object[key], [...path, key]);
        if (written !== undefined) members.push(JSON.stringify(key) + ":" + written);
        else if (object[key] === undefined) empty.add(pointer([...path, key]));
      }
      return "{" + members.join(",") + "}";
    } finally {
      ancestors.pop();
    }
  };
  const text = write(value, []);
  if (text === undefined) {
    throw new TypeError(`rtk-preset: checkValue expects a JSON-like value, got ${describe(value)}`);
  }
  return text;
}

/** A diagnostic about a value: without the positions in text a value does not have. */
function withoutPositions({ line, column, end_line, end_column, span, related, ...rest }: Diagnostic): ValueDiagnostic {
  return rest;
}

/** What a form shows for an empty input where a value is required: "a number is required". */
function emptyMessage(expected: string[] | undefined): string {
  const type = expected?.find((t) => t !== "null");
  const noun: Record<string, string> = {
    number: "a number",
    integer: "a whole number",
    string: "a text",
    boolean: "a choice",
    array: "a list",
    object: "a value",
  };
  return `${(type && noun[type]) ?? "a value"} is required`;
}

/**
 * The diagnostics of a value's check, where an empty form input (`NaN` from an empty number field,
 * or `undefined`) is said as such: "a number is required", not "found null".
 */
function valueDiagnostics(report: Report, empty: Set<string>): ValueDiagnostic[] {
  return report.diagnostics.map((d) => {
    const diagnostic = withoutPositions(d);
    const emptyInput =
      empty.has(d.pointer) && (d.rule === "wrong-type" || d.rule === "missing-field");
    if (!emptyInput) return diagnostic;
    const { help, ...rest } = diagnostic;
    return {
      ...rest,
      message: emptyMessage(d.params.expected),
      params: { ...d.params, value: null, empty: true },
    };
  });
}

/**
 * Checks a JS value, such as a form's state. Diagnostics carry pointers and paths, no positions;
 * warnings and infos are reported beside errors without making the value invalid.
 */
export function checkValue(value: unknown, options?: Options): ValueReport {
  // The engine's JSON.stringify first: for a value it can write, its text is the one `toJson`
  // writes, and a clean report needs nothing else. Where it throws (a BigInt, a cycle) or the
  // report has diagnostics, `toJson` writes the text again, keeping the BigInt digits, naming a
  // cycle or excess depth, and noting the empty inputs the diagnostics are said against.
  let fast: string | undefined;
  try {
    fast = JSON.stringify(value);
  } catch {
    fast = undefined;
  }
  const first = fast === undefined ? undefined : check(fast, options);
  if (first !== undefined && first.diagnostics.length === 0) {
    return { valid: first.valid, diagnostics: [] };
  }
  const empty = new Set<string>();
  const text = toJson(value, empty);
  const report = first !== undefined && text === fast ? first : check(text, options);
  return { valid: report.valid, diagnostics: valueDiagnostics(report, empty) };
}

/** One preset of an app, for `checkApp`: its text or its value, and a name (its file or id). */
export interface AppDocument {
  /** How messages about other presets of the app name this one, such as `host.json`. */
  name: string;
  /** The document's text (as `check` takes it). */
  text?: string;
  /** Or the document as a JS value (as `checkValue` takes it). */
  value?: unknown;
}

/**
 * Checks the presets of one app together: each as `check` (for a `text`) or `checkValue` (for a
 * `value`) does, plus the rules that need all of them (duplicate names, a waiting room nobody can
 * admit from, `CAN_REQUEST` nobody can approve, a livestream nobody can start). One report per
 * document, in order: the CLI reports the same for the files of one directory.
 */
export function checkApp(documents: readonly AppDocument[], options?: Options): (Report | ValueReport)[] {
  if (!Array.isArray(documents)) {
    throw new TypeError(`rtk-preset: checkApp expects an array of documents, got ${describe(documents)}`);
  }
  const empties: (Set<string> | undefined)[] = [];
  const inputs = documents.map((document, i) => {
    if (typeof document !== "object" || document === null) {
      throw new TypeError(`rtk-preset: documents[${i}] must be an object, got ${describe(document)}`);
    }
    const name = requireString(document.name, `documents[${i}].name`);
    if (document.text !== undefined) {
      empties.push(undefined);
      return { name, text: requireString(document.text, `documents[${i}].text`) };
    }
    if (!("value" in document)) {
      throw new TypeError(`rtk-preset: documents[${i}] needs a \`text\` or a \`value\``);
    }
    const empty = new Set<string>();
    empties.push(empty);
    return { name, text: toJson(document.value, empty) };
  });
  const encoded = encodeOptions(options, ["api", "kind", "rules"]);
  ensureReady();
  const reports = unwrap<CoreReport[]>(checkAppText(JSON.stringify(inputs), encoded));
  return reports.map((report, i) => {
    const empty = empties[i];
    return empty === undefined
      ? { valid: report.valid, diagnostics: report.diagnostics }
      : { valid: report.valid, diagnostics: valueDiagnostics(report, empty) };
  });
}

/** Applies the fixes of a document (safe ones; unsafe ones too with `unsafeFixes`), returns the text. */
export function fix(text: string, options?: FixOptions): string {
  requireString(text, "the text");
  const encoded = encodeOptions(options, ["api", "kind", "rules", "unsafeFixes"]);
  ensureReady();
  return unwrap<{ text: string; fixed: number }>(fixText(text, encoded)).text;
}

/** The JSON Schema of a document kind in an API revision (by default the current one). */
export function schema(kind: DocumentKind, api?: Api): object {
  requireString(kind, "the kind");
  if (api !== undefined) requireString(api, "the API revision");
  ensureReady();
  // The module names the schema (or rejects the kind or revision); the text is here, parsed
  // anew for each call as before (a caller may change what it gets).
  const name = unwrap<string>(schemaName(kind, api ?? ""));
  return JSON.parse(SCHEMAS[name] as string) as object;
}

/** Every rule: structural and semantic. */
export function rules(): RuleInfo[] {
  ensureReady();
  return unwrap<RuleInfo[]>(rulesText());
}

/** A rule's documentation, as Markdown. */
export function explain(rule: string): string {
  requireString(rule, "the rule id");
  ensureReady();
  // The module checks the id (and names the nearest rule when it is none); the texts are here,
  // not in the module, so that a bundle without `explain` carries none of them.
  unwrap<null>(explainText(rule));
  const docs = RULE_DOCS[rule];
  if (docs === undefined) throw new Error(`no documentation for \`${rule}\` in this build of rtk-preset`);
  return docs;
}

// Standard Schema (https://standardschema.dev), version 1: the interface is copied, as its authors
// recommend, so that the package needs no dependency for it.

/** The Standard Schema interface, version 1. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** A Standard Schema result. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/** A Standard Schema issue. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey>;
}

/** A Standard Schema issue of rtk-preset: the finding's rule, severity, pointer and params beside its message and path. */
export interface PresetIssue extends StandardIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly rule: string;
  readonly severity: Severity;
  /** The pointer of the value at fault in the whole document (the path is relative to `at`). */
  readonly pointer: string;
  readonly params: Params;
}

/** A path to one field of a preset, such as `["config", "media", "video", "frame_rate"]`. */
export type FieldPath = readonly (string | number)[];

/** The options of `presetSchema`. */
export interface PresetSchemaOptions<K extends DocumentKind = DocumentKind, A extends Api = Api> {
  /** The document kind (default `create`). */
  kind?: K;
  /** The API revision (default `2026-06`). */
  api?: A;
  /** A level per rule id. */
  rules?: Record<string, Level>;
  /**
   * The least severity that makes an issue (default `error`). With `warning`, warnings are issues
   * too: a form shows them (and does not submit until they are dealt with). `checkValue` reports
   * every severity without failing on warnings.
   */
  failOn?: Severity;
  /**
   * One field: the schema validates that field's value alone, against its part of the preset's
   * schema and the rules about it, for field-level validators (TanStack Form's `validators`). An
   * empty input (`undefined`, `NaN`) is an issue only where the kind requires the field. Issue
   * paths are relative to the field.
   */
  at?: FieldPath;
}

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Whether `pointer` is `base` or under it. */
const isUnder = (pointer: string, base: string) => pointer === base || pointer.startsWith(base + "/");

const toPointer = (path: FieldPath) =>
  path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

/** `value` placed at `path` in otherwise empty objects (and arrays, for numeric segments). */
function placed(path: FieldPath, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, segment) => {
    if (typeof segment === "number") {
      const items: unknown[] = new Array(segment).fill(null);
      items.push(inner);
      return items;
    }
    return { [segment]: inner };
  }, value);
}

/**
 * A Standard Schema of a preset document, for form libraries (react-hook-form, TanStack Form, ...):
 * `validate(value)` gives `{ value }`, or `{ issues }` with one issue per finding at or above
 * `failOn` (errors, by default), keyed by path and carrying the rule, severity and params. With
 * `at`, it validates the value of that one field.
 */
export function presetSchema<K extends DocumentKind = "create", A extends Api = DefaultApi>(
  options?: PresetSchemaOptions<K, A> & { at?: undefined },
): StandardSchemaV1<PresetOf<K, A>>;
export function presetSchema(options: PresetSchemaOptions & { at: FieldPath }): StandardSchemaV1<unknown>;
export function presetSchema(options: PresetSchemaOptions = {}): StandardSchemaV1<unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`rtk-preset: options must be an object, got ${describe(options)}`);
  }
  // The revision defaults to the core's (the current API); the kind to a create body.
  const checkOptions: Options = { kind: options.kind ?? "create" };
  if (options.api !== undefined) checkOptions.api = options.api;
  if (options.rules !== undefined) checkOptions.rules = options.rules;
  // Bad option values fail here, when the schema is made, not at the first validation.
  check("{}", checkOptions);
  const failOn = options.failOn ?? "error";
  if (!(failOn in SEVERITY_ORDER)) {
    throw new RangeError(`rtk-preset: unknown failOn \`${String(failOn)}\`; expected one of: error, warning, info`);
  }
  const at = options.at;
  if (at !== undefined && (!Array.isArray(at) || !at.every((s) => typeof s === "string" || typeof s === "number"))) {
    throw new TypeError("rtk-preset: options.at must be an array of keys (strings) and indices (numbers)");
  }
  const issue = (d: ValueDiagnostic, base: number): PresetIssue => ({
    message: d.message,
    path: d.path.slice(base),
    rule: d.rule,
    severity: d.severity,
    pointer: d.pointer,
    params: d.params,
  });
  const result = (value: unknown, diagnostics: ValueDiagnostic[], base: number): StandardResult<unknown> => {
    const issues = diagnostics.filter((d) => SEVERITY_ORDER[d.severity] >= SEVERITY_ORDER[failOn]);
    return issues.length === 0 ? { value } : { issues: issues.map((d) => issue(d, base)) };
  };
  const guard = (validate: (value: unknown) => StandardResult<unknown>) => (value: unknown) => {
    try {
      return validate(value);
    } catch (error) {
      return { issues: [{ message: error instanceof Error ? error.message : String(error) }] };
    }
  };
  if (at === undefined || at.length === 0) {
    return standard(guard((value) => result(value, checkValue(value, checkOptions).diagnostics, 0)));
  }
  const pointer = toPointer(at);
  // Whether the kind requires the field: asked once, of a document with its parents and nothing else.
  let required: ValueDiagnostic | undefined | null = null;
  const requiredFinding = () => {
    if (required === null) {
      const parents = placed(at.slice(0, -1), {});
      required = checkValue(parents, checkOptions).diagnostics.find(
        (d) => d.rule === "missing-field" && d.pointer === pointer,
      );
    }
    return required;
  };
  // The field's value is checked in a PATCH body (where nothing else is required), and only what
  // is said about the field (or under it) counts.
  const fieldOptions: Options = { ...checkOptions, kind: "update" };
  return standard(
    guard((value) => {
      if (value === undefined || (typeof value === "number" && Number.isNaN(value))) {
        const missing = requiredFinding();
        if (missing === undefined) return { value };
        const { help, ...finding } = missing;
        const empty: ValueDiagnostic = {
          ...finding,
          message: emptyMessage(missing.params.expected),
          params: { ...missing.params, empty: true },
        };
        return result(value, [empty], at.length);
      }
      const diagnostics = checkValue(placed(at, value), fieldOptions).diagnostics.filter((d) =>
        isUnder(d.pointer, pointer),
      );
      return result(value, diagnostics, at.length);
    }),
  );
}

function standard(validate: (value: unknown) => StandardResult<unknown>): StandardSchemaV1<unknown> {
  return { "~standard": { version: 1, vendor: "rtk-preset", validate } };
}
