// Type-checked with `lib: ["es2022"]` only (no DOM, no Node types) and `skipLibCheck: false`: every
// entry's types stand on their own.
import { check, checkApp, checkValue, presetSchema, init, initSync, type Diagnostic, type Params, type V2026_06 } from "rtk-preset";
import * as manual from "rtk-preset/manual";
import type { V2026_01 } from "rtk-preset/model";
import wasm from "rtk-preset/wasm";

const report = check("{}", { kind: "update" });
const first: Diagnostic | undefined = report.diagnostics[0];
const params: Params | undefined = first?.params;
const value = checkValue({ name: "host" } satisfies V2026_06.Update, { kind: "update" });
const app = checkApp([{ name: "a.json", text: "{}" }, { name: "b", value: {} }]);
const field = presetSchema({ at: ["config", "media", "video", "frame_rate"] });
const whole = presetSchema({ kind: "update", api: "2026-01", failOn: "warning" });
const typed: V2026_01.Update | undefined = undefined;
initSync(wasm);
void init(wasm);
manual.initSync(new Uint8Array(8));
export { params, value, app, field, whole, typed };
