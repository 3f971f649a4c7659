#!/usr/bin/env python3
"""The local API server (tests/api/server.py) as the official Python SDK sees it.

    python3 tests/api/sdk_check.py

`cloudflare==5.9.0` (installed into target/sdk-venv, as tests/sdk/python_conformance.py does),
with `base_url` pointed at the server, creates, lists (every page), gets, updates, replaces and
deletes presets through it. Every answer is parsed twice by the SDK's own models: by the client
itself with `_strict_response_validation=True`, and from the raw text with
`model_validate_json(..., strict=True)`. Errors must map to the SDK's exceptions (401
AuthenticationError, 404 NotFoundError, 400 BadRequestError, 409 ConflictError) and a 429 must be
retried by the SDK after `Retry-After`. Any difference fails the script.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sdk"))
sys.path.insert(0, str(HERE))


def in_venv():
    """Runs this script again with the SDK's virtual environment, unless already in it."""
    try:
        import cloudflare  # noqa: F401

        return True
    except ImportError:
        import python_conformance

        exe = python_conformance.python()
        sys.exit(subprocess.run([str(exe), __file__, *sys.argv[1:]]).returncode)


def main():
    in_venv()
    import cloudflare
    from cloudflare.types.realtime_kit import (
        PresetCreateResponse,
        PresetDeleteResponse,
        PresetGetPresetByIDResponse,
        PresetGetResponse,
        PresetReplacePresetByIDResponse,
        PresetUpdateResponse,
    )

    import server

    args = server.parser().parse_args([])
    httpd, base = server.serve(args)
    where = {"account_id": args.account}
    client = cloudflare.Cloudflare(
        api_token=args.token, base_url=base, _strict_response_validation=True, max_retries=2
    )
    presets = client.realtime_kit.presets
    host = json.loads((ROOT / "examples" / "host.json").read_text())
    checked = []

    def strict(model, raw):
        parsed = model.model_validate_json(raw.text(), strict=True)
        checked.append(model.__name__)
        return parsed

    def raw(call, model, *a, **kw):
        response = call(*a, **kw)
        strict(model, response)
        return response.parse()

    # create
    body = {k: host[k] for k in ("config", "permissions", "ui")}
    created = raw(presets.with_raw_response.create, PresetCreateResponse, args.app, name="host", **body, **where)
    assert isinstance(created, PresetCreateResponse) and created.success
    preset_id = created.data.id
    assert created.data.name == "host" and created.data.created_at is not None
    for i in range(24):
        presets.create(args.app, name=f"p{i}", **body, **where)

    # list, every page
    seen, page = [], 1
    while True:
        listed = raw(presets.with_raw_response.get, PresetGetResponse, args.app, page_no=page, per_page=10, **where)
        assert isinstance(listed, PresetGetResponse)
        assert listed.paging.total_count == 25, listed.paging
        assert listed.paging.start_offset == (page - 1) * 10
        seen += [d.id for d in listed.data]
        if len(seen) >= listed.paging.total_count:
            break
        page += 1
    assert page == 3 and len(set(seen)) == 25 and preset_id in seen

    # get
    got = raw(presets.with_raw_response.get_preset_by_id, PresetGetPresetByIDResponse, preset_id, app_id=args.app, **where)
    assert got.data.config.media.video.frame_rate == host["config"]["media"]["video"]["frame_rate"]

    # update (PATCH, a field deep down)
    updated = raw(
        presets.with_raw_response.update, PresetUpdateResponse, preset_id, app_id=args.app,
        config={"media": {"video": {"frame_rate": 24}}}, **where,
    )
    assert updated.data.config.media.video.frame_rate == 24
    assert updated.data.config.media.video.quality == host["config"]["media"]["video"]["quality"]
    assert updated.data.updated_at >= created.data.updated_at

    # replace (PUT)
    replaced = raw(
        presets.with_raw_response.replace_preset_by_id, PresetReplacePresetByIDResponse, preset_id,
        app_id=args.app, name="host-2", **body, **where,
    )
    assert replaced.data.name == "host-2" and replaced.data.config.media.video.frame_rate == 30

    # errors
    def fails(exception, call):
        try:
            call()
        except exception:
            checked.append(exception.__name__)
            return
        raise AssertionError(f"expected {exception.__name__}")

    fails(cloudflare.NotFoundError, lambda: presets.get_preset_by_id(
        "00000000-0000-4000-8000-000000000000", app_id=args.app, **where))
    fails(cloudflare.AuthenticationError, lambda: cloudflare.Cloudflare(api_token="wrong", base_url=base)
          .realtime_kit.presets.get(args.app, **where))
    # a create body without `ui` (the SDK's types would not let one through: sent as is)
    fails(cloudflare.BadRequestError, lambda: client.post(
        f"/accounts/{args.account}/realtime/kit/{args.app}/presets",
        body={"name": "x", "config": body["config"], "permissions": body["permissions"]},
        cast_to=PresetCreateResponse))
    fails(cloudflare.ConflictError, lambda: presets.create(args.app, name="p0", **body, **where))

    # a 429 with Retry-After, retried by the SDK itself
    httpd.RequestHandlerClass.api.faults = [{"op": "list", "times": 1, "fault": "429", "retry_after": 1}]
    listed = presets.get(args.app, **where)
    assert listed.paging.total_count == 25
    log = httpd.RequestHandlerClass.api.log
    assert [entry[2] for entry in log[-2:]] == [429, 200], log[-2:]

    # delete
    deleted = raw(presets.with_raw_response.delete, PresetDeleteResponse, preset_id, app_id=args.app, **where)
    assert deleted.data.id == preset_id
    fails(cloudflare.NotFoundError, lambda: presets.delete(preset_id, app_id=args.app, **where))

    httpd.shutdown()
    print(f"the SDK parsed every answer of the local API: {len(checked)} checks "
          f"({', '.join(sorted(set(checked)))})")


if __name__ == "__main__":
    main()
