// The JavaScript API of rtk-preset: a small facade over the WebAssembly build of the Rust core.
// It checks argument types (TypeError), turns JS values into JSON text, and parses what the core
// returns; every rule, message and position comes from the core, so the CLI and this package
// report the same diagnostics for the same input.

import initWasm, {
  initSync as initWasmSync,
  checkText,
  explainText,
  fixText,
  rulesText,
  schemaText,
} from "./wasm/rtk_preset_wasm.js";
import type { Api, Kind as DocumentKind, PresetOf } from "./model.js";

export type { Api, DeepPartial, PresetOf, V2026_01, V2026_06 } from "./model.js";

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

/** One finding, shaped as one entry of the CLI's `--format json` diagnostics, plus `path`. */
export interface Diagnostic {
  /** The rule id, such as `out-of-range`. */
  rule: string;
  severity: "error" | "warning" | "info";
  /** What is wrong: lowercase and concrete. */
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
  /** The pointer split into segments (numbers for array indices), as form libraries key fields. */
  path: (string | number)[];
}

/** A finding about a JS value: no text, so no line, column or span. */
export type ValueDiagnostic = Omit<Diagnostic, "line" | "column" | "end_line" | "end_column" | "span">;

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

/** What `init` accepts: a URL or path of the `.wasm`, its bytes, a `Response`, or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

let ready = false;

/**
 * Initialises the module synchronously from a compiled `WebAssembly.Module` (as Cloudflare Workers
 * provide for `import wasm from "rtk-preset/wasm"`) or from the bytes of the `.wasm`.
 */
export function initSync(module: WebAssembly.Module | BufferSource): void {
  if (ready) return;
  initWasmSync({ module });
  ready = true;
}

/** Initialises the module; without an argument it fetches the `.wasm` next to this file. */
export async function init(input?: InitInput | Promise<InitInput>): Promise<void> {
  if (ready) return;
  const source = input ?? new URL("./wasm/rtk_preset_wasm_bg.wasm", import.meta.url);
  await initWasm({ module_or_path: await source });
  ready = true;
}

function ensureReady(): void {
  if (!ready) {
    throw new Error(
      "rtk-preset: the WebAssembly module is not initialised; import `rtk-preset` (which does it) " +
        "or call init()/initSync() from `rtk-preset/manual` first",
    );
  }
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

/** Checks the text of a preset document. */
export function check(text: string, options?: Options): Report {
  requireString(text, "the text");
  const encoded = encodeOptions(options, ["api", "kind", "rules"]);
  ensureReady();
  const report = unwrap<CoreReport>(checkText(text, encoded));
  return { valid: report.valid, diagnostics: report.diagnostics };
}

/** Nesting the core accepts (deeper documents are refused as a whole). */
const MAX_DEPTH = 128;

/**
 * A JS value as JSON text, as `JSON.stringify` writes it (`undefined`, functions and symbols left
 * out, `toJSON` honoured, non-finite numbers as `null`), except that a `BigInt` keeps its exact
 * digits and a cycle is a `TypeError` naming where it closes.
 */
function toJson(value: unknown): string {
  const ancestors: object[] = [];
  const pointer = (path: (string | number)[]) =>
    path.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("") || "the root";
  const write = (v: unknown, path: (string | number)[]): string | undefined => {
    if (v === null) return "null";
    switch (typeof v) {
      case "string":
        return JSON.stringify(v);
      case "number":
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
      throw new TypeError(`rtk-preset: the value contains a cycle at ${pointer(path)}`);
    }
    if (ancestors.length >= MAX_DEPTH) {
      throw new TypeError(`rtk-preset: the value is nested deeper than ${MAX_DEPTH} levels at ${pointer(path)}`);
    }
    ancestors.push(object);
    try {
      if (Array.isArray(object)) {
        return "[" + object.map((item, i) => write(item, [...path, i]) ?? "null").join(",") + "]";
      }
      const members: string[] = [];
      for (const key of Object.keys(object)) {
        const written = write(object[key], [...path, key]);
        if (written !== undefined) members.push(JSON.stringify(key) + ":" + written);
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

/** Checks a JS value, such as a form's state. Diagnostics carry pointers and paths, no positions. */
export function checkValue(value: unknown, options?: Options): ValueReport {
  const text = toJson(value);
  const report = check(text, options);
  return {
    valid: report.valid,
    diagnostics: report.diagnostics.map(({ line, column, end_line, end_column, span, ...rest }) => rest),
  };
}

/** Applies the fixes of a document (safe ones; unsafe ones too with `unsafeFixes`), returns the text. */
export function fix(text: string, options?: FixOptions): string {
  requireString(text, "the text");
  const encoded = encodeOptions(options, ["api", "kind", "rules", "unsafeFixes"]);
  ensureReady();
  return unwrap<{ text: string; fixed: number }>(fixText(text, encoded)).text;
}

/** The JSON Schema of a document kind in an API revision. */
export function schema(kind: DocumentKind, api: Api = "2026-06"): object {
  requireString(kind, "the kind");
  requireString(api, "the API revision");
  ensureReady();
  return unwrap<object>(schemaText(kind, api));
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
  return unwrap<string>(explainText(rule));
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

/**
 * A Standard Schema of a preset document, for form libraries (react-hook-form, TanStack Form, ...):
 * `validate(value)` gives `{ value }`, or `{ issues }` with one issue per error-severity finding,
 * keyed by path.
 */
export function presetSchema<K extends DocumentKind = "create", A extends Api = "2026-06">(
  options: { kind?: K; api?: A; rules?: Record<string, Level> } = {},
): StandardSchemaV1<PresetOf<K, A>> {
  const checkOptions: Options = { kind: options.kind ?? "create", api: options.api ?? "2026-06" };
  if (options.rules !== undefined) checkOptions.rules = options.rules;
  // Bad option values fail here, when the schema is made, not at the first validation.
  check("{}", checkOptions);
  return {
    "~standard": {
      version: 1,
      vendor: "rtk-preset",
      validate(value: unknown): StandardResult<PresetOf<K, A>> {
        let report: ValueReport;
        try {
          report = checkValue(value, checkOptions);
        } catch (error) {
          return { issues: [{ message: error instanceof Error ? error.message : String(error) }] };
        }
        const errors = report.diagnostics.filter((d) => d.severity === "error");
        if (errors.length === 0) return { value: value as PresetOf<K, A> };
        return { issues: errors.map((d) => ({ message: d.message, path: d.path })) };
      },
    },
  };
}
