// The same, as CommonJS under `moduleResolution: node16`: the `require` entries' `.d.cts` types.
import rtk = require("rtk-preset");
import manual = require("rtk-preset/manual");
import model = require("rtk-preset/model");

const report: rtk.Report = rtk.check("{}", { kind: "update" });
const schema = manual.presetSchema({ kind: "update" });
const preset: model.V2026_06.Update = { name: "host" };
export = { report, schema, preset };
