// Forms as front-end teams build them: react-hook-form with `standardSchemaResolver` over the whole
// preset, and a TanStack Form field validated by `presetSchema({ at })`. The test types into both.
import { createElement as h, useState } from "react";
import { createRoot } from "react-dom/client";
import { useForm } from "react-hook-form";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { useForm as useTanStackForm } from "@tanstack/react-form";
import { presetSchema } from "rtk-preset";
import { valid } from "./presets.js";

const preset = JSON.parse(valid);
const resolver = standardSchemaResolver(presetSchema({ kind: "create", api: "2026-06" }));

function HookForm() {
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState: { errors } } = useForm({ resolver, defaultValues: preset, mode: "onSubmit" });
  const error = errors.config?.media?.video?.frame_rate;
  return h("form", { id: "rhf", onSubmit: handleSubmit(() => setSaved(true)) },
    h("h2", null, "react-hook-form"),
    h("label", null, "video frame rate ",
      h("input", { id: "rhf-frame-rate", type: "number", step: "any", ...register("config.media.video.frame_rate", { valueAsNumber: true }) })),
    h("p", { id: "rhf-error" }, error?.message ?? ""),
    h("button", { id: "rhf-save" }, "Save"),
    h("p", { id: "rhf-saved" }, saved ? "saved" : ""));
}

const frameRate = presetSchema({ kind: "create", at: ["config", "media", "video", "frame_rate"] });

function TanStackForm() {
  const form = useTanStackForm({ defaultValues: preset });
  return h("form", { id: "tsf", onSubmit: (e) => e.preventDefault() },
    h("h2", null, "TanStack Form"),
    h(form.Field, {
      name: "config.media.video.frame_rate",
      validators: { onChange: frameRate },
      children: (field) => h("label", null, "video frame rate ",
        h("input", { id: "tsf-frame-rate", type: "number", step: "any", value: Number.isNaN(field.state.value) ? "" : field.state.value,
          onChange: (e) => field.handleChange(e.target.valueAsNumber) }),
        h("p", { id: "tsf-error" }, field.state.meta.errors.map((e) => e?.message).join(", "))),
    }));
}

createRoot(document.querySelector("#root")).render(h("div", null, h(HookForm), h(TanStackForm)));
document.body.dataset.ready = "true";
