// The preset editor: every edit of a field or of the JSON is checked with checkValue/check, and each
// finding is shown under the field its pointer names (the rest under the JSON).
import { check } from "../dist/index.js";

const form = document.getElementById("form");
const textarea = document.getElementById("json");
const status = document.getElementById("status");
const other = document.getElementById("other-errors");
const fields = [...form.querySelectorAll("[data-pointer]")];

const tokens = (pointer) => pointer.split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
const get = (value, pointer) => tokens(pointer).reduce((v, k) => (v == null ? undefined : v[k]), value);
function set(value, pointer, next) {
  const keys = tokens(pointer);
  let target = value;
  for (const key of keys.slice(0, -1)) target = target[key] ??= {};
  target[keys.at(-1)] = next;
}

function render(report) {
  const byField = new Map(fields.map((f) => [f.dataset.pointer, []]));
  const rest = [];
  for (const d of report.diagnostics) {
    const text = d.help ? `${d.message} (${d.help})` : d.message;
    (byField.get(d.pointer) ?? rest).push(`${d.severity}: ${text}`);
  }
  for (const [pointer, messages] of byField) {
    form.querySelector(`[data-error-for="${pointer}"]`).textContent = messages.join("; ");
  }
  other.innerHTML = rest.length ? "<ul>" + rest.map((m) => `<li>${escape(m)}</li>`).join("") + "</ul>" : "";
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  status.textContent = errors ? `${errors} error(s)` : "valid preset";
  status.className = `status ${errors ? "invalid" : "valid"}`;
}

const escape = (s) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);

// The text is the source of truth: fields write into it, and it is checked as text so that
// positions and even invalid JSON are reported.
function fromFields() {
  let value;
  try {
    value = JSON.parse(textarea.value);
  } catch {
    render(check(textarea.value));
    return;
  }
  for (const field of fields) {
    if (field.value === "") continue;
    set(value, field.dataset.pointer, field.dataset.type === "number" ? Number(field.value) : field.value);
  }
  textarea.value = JSON.stringify(value, null, 2);
  render(check(textarea.value));
}

function fromText() {
  try {
    const value = JSON.parse(textarea.value);
    for (const field of fields) {
      const current = get(value, field.dataset.pointer);
      if (current !== undefined && document.activeElement !== field) field.value = String(current);
    }
  } catch {
    // Invalid JSON: the check below says where.
  }
  render(check(textarea.value));
}

const example = await fetch("../../examples/host.json").then((r) => r.text());
textarea.value = example;
fromText();
form.addEventListener("input", (event) => (event.target === textarea ? fromText() : fromFields()));
document.body.dataset.ready = "true";
