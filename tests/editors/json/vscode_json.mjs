// Tries the README's JSON Schema setup as a VS Code user would get it, with the JSON language
// service that VS Code's JSON support runs (vscode-json-languageservice), and checks that VS Code's
// schema errors and the CLI's structure errors agree.
//
//   node vscode_json.mjs <rtk-preset binary>
//
// 1. The README's `json.schemas` block, read from the README, becomes the service's schema
//    configuration as VS Code's JSON client makes it (a `./` url is resolved from the workspace
//    folder, the patterns only apply inside that folder).
// 2. The README's `$schema` example, read from the README, is opened outside those patterns: the
//    service resolves the relative path from the document's folder.
// 3. Hover and completion show the model's descriptions and enum values.
// 4. Every example preset, fixture and corpus document is validated by the service against the
//    schema of the kind and revision the CLI chose for it; the lines of the service's errors and of
//    the CLI's structure errors must be the same.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const rtk = resolve(process.argv[2] ?? join(root, 'target/debug/rtk-preset'));

let failures = 0;
function check(ok, what, detail) {
  if (ok) {
    console.log(`ok   ${what}`);
  } else {
    failures++;
    console.log(`FAIL ${what}${detail === undefined ? '' : `\n     ${detail}`}`);
  }
}

// The README's code blocks that follow a given sentence.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
function blockAfter(marker, lang) {
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README no longer says: ${marker}`);
  const open = readme.indexOf('```' + lang + '\n', at);
  const close = readme.indexOf('\n```', open + 4);
  return readme.slice(open + lang.length + 4, close + 1);
}
const settings = JSON.parse(blockAfter('VS Code, in `.vscode/settings.json`', 'json'));
const schemaExample = blockAfter('Or name the schema in the document itself', 'json');

// The workspace folder is this repository (its `schemas/` is where the README's settings point);
// the documents are opened in the editor only, so they need no files.
const folderUri = pathToFileURL(root).href;

// The language service with what VS Code's JSON server gives it: schemas read from file URIs and
// relative `$schema` paths resolved from the document.
const service = getLanguageService({
  schemaRequestService: async (uri) => {
    if (!uri.startsWith('file:')) throw new Error(`no network here: ${uri}`);
    return readFileSync(fileURLToPath(uri), 'utf8');
  },
  workspaceContext: {
    resolveRelativePath: (path, resource) => new URL(path, resource).href,
  },
});
// VS Code's JSON client: a url starting with `.` is joined to the folder of the settings file's
// workspace, and the association is limited to that folder.
service.configure({
  validate: true,
  allowComments: false,
  schemas: settings['json.schemas'].map((s) => ({
    uri: s.url.startsWith('.') ? new URL(s.url, folderUri + '/').href : s.url,
    fileMatch: s.fileMatch,
    folderUri,
  })),
});

function open(path, text) {
  return TextDocument.create(new URL(path, folderUri + '/').href, 'json', 1, text);
}
async function diagnostics(doc) {
  return service.doValidation(doc, service.parseJSONDocument(doc), { schemaValidation: 'error' });
}
function positionOf(doc, needle, offset = 0) {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${doc.uri}`);
  return doc.positionAt(at + offset);
}
const show = (ds) => JSON.stringify(ds.map((d) => `${d.range.start.line + 1}: ${d.message}`));

// 1. json.schemas: a valid preset under presets/, a broken one, a patch under patches/.
const host = readFileSync(join(root, 'examples/host.json'), 'utf8');
let found = await diagnostics(open('presets/host.json', host));
check(found.length === 0, 'json.schemas: examples/host.json under presets/ has no schema errors', show(found));
const brokenHost = open('presets/broken.json', host.replace('"theme": "dark"', '"theme": "dusk"'));
found = await diagnostics(brokenHost);
check(found.length === 1 && found[0].range.start.line === positionOf(brokenHost, '"dusk"').line,
  'json.schemas: a theme outside the enum is flagged on its line', show(found));
found = await diagnostics(open('patches/rename.json', '{ "name": "host-2" }'));
check(found.length === 0, 'json.schemas: a patch under patches/ is checked as an update body (nothing required)', show(found));
found = await diagnostics(open('patches/bad.json', '{ "config": { "max_screenshare_count": "two" } }'));
check(found.length === 1, 'json.schemas: a wrong type in a patch is flagged', show(found));
found = await diagnostics(open('elsewhere/host.json', '{ "name": 1 }'));
check(found.length === 0, 'json.schemas: files outside the patterns are left alone', show(found));

// 2. The README's `$schema` example, outside the json.schemas patterns.
const declared = open('drafts/host.json', schemaExample);
found = await diagnostics(declared);
const schemaPath = JSON.parse(schemaExample).$schema;
check(found.length === 0, `$schema: the README's example (${schemaPath}, resolved from drafts/) has no errors`, show(found));
const declaredBad = open('drafts/bad.json', schemaExample.replace('"GROUP_CALL"', '"GROUP_CAL"'));
found = await diagnostics(declaredBad);
check(found.length === 1 && found[0].range.start.line === positionOf(declaredBad, '"GROUP_CAL"').line,
  '$schema: a misspelt view_type in the example is flagged', show(found));

// 3. Hover and completion in the editor, from the schema's descriptions and enums.
const hoverDoc = open('presets/hover.json', '{\n  "config": { "view_type": "GROUP_CALL" }\n}\n');
const hover = await service.doHover(hoverDoc, positionOf(hoverDoc, 'view_type', 2), service.parseJSONDocument(hoverDoc));
const hoverText = JSON.stringify(hover?.contents ?? '');
check(hoverText.includes('Type of the meeting'), 'hover on view_type shows its description', hoverText);
const typing = open('presets/typing.json', '{\n  "config": { "view_type": "" }\n}\n');
const values = await service.doComplete(typing, positionOf(typing, '""', 1), service.parseJSONDocument(typing));
const labels = values.items.map((i) => i.label);
check(['"GROUP_CALL"', '"WEBINAR"', '"AUDIO_ROOM"', '"LIVESTREAM"'].every((v) => labels.includes(v)),
  'completion offers the view_type values', JSON.stringify(labels));
const keysDoc = open('presets/keys.json', '{\n  "config": {  }\n}\n');
const keys = await service.doComplete(keysDoc, positionOf(keysDoc, '{  }', 2), service.parseJSONDocument(keysDoc));
const keyLabels = keys.items.map((i) => i.label);
check(['view_type', 'max_video_streams', 'media'].every((k) => keyLabels.includes(k)),
  'completion offers the keys of config', JSON.stringify(keyLabels));

// 4. VS Code's schema errors and the CLI's structure errors, line by line, on every document the
//    repository ships, each checked against the schema the CLI chose for it.
function jsonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}
const documents = [
  ...jsonFiles(join(root, 'examples')),
  ...jsonFiles(join(root, 'tests/fixtures')),
  ...jsonFiles(resolve(root, '../shared/corpus/real')),
];
const structure = new Set(JSON.parse(execFileSync(rtk, ['rules', '--format', 'json'], { encoding: 'utf8' }))
  .filter((r) => r.category === 'structure').map((r) => r.id));
// What a JSON Schema says nothing about: duplicate keys and broken JSON are the parser's, and a
// value of another revision is the CLI's own finding. Unknown keys are compared where they are
// errors (where the schema says `additionalProperties: false`, as in the public chat); elsewhere
// the API allows them and both leave them at a warning or less. Of the formats, VS Code checks
// `uri` and `date-time` as the CLI does, but not `uuid`.
for (const rule of ['invalid-json', 'duplicate-key', 'not-in-revision']) {
  structure.delete(rule);
}
let compared = 0;
let withErrors = 0;
let errorLines = 0;
// One run of the CLI for them all (exit code 1: it found errors).
const report = (() => {
  try {
    return execFileSync(rtk, ['check', '--format', 'json', ...documents], { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw e;
  }
})();
const schemas = new Map();
const schemaOf = (name) => {
  if (!schemas.has(name)) schemas.set(name, JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')));
  return schemas.get(name);
};
for (const file of JSON.parse(report).files) {
  const path = file.path;
  // Not JSON (the CLI says where): nothing for a schema to say.
  if (file.diagnostics.some((d) => d.rule === 'invalid-json')) continue;
  // VS Code drops a UTF-8 byte order mark when it opens a file.
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const doc = TextDocument.create(pathToFileURL(path).href, 'json', 1, text);
  const parsed = service.parseJSONDocument(doc);
  const schema = schemaOf(`${file.kind}.${file.api}.schema.json`);
  const theirs = await service.doValidation(doc, parsed, { schemaValidation: 'error' }, schema);
  // One known difference: VS Code calls `30.0` not an integer; JSON Schema (2020-12, 6.1.1), ajv,
  // the jsonschema crate and the CLI accept a number with a zero fraction as an integer.
  const zeroFraction = (d) => d.message === 'Incorrect type. Expected "integer".'
    && Number.isInteger(Number(doc.getText(d.range)));
  const vscodeLines = new Set(theirs.filter((d) => d.severity === 1 && !zeroFraction(d)).map((d) => d.range.start.line + 1));
  const cliLines = new Set(file.diagnostics
    .filter((d) => structure.has(d.rule) && d.severity === 'error')
    .filter((d) => !(d.rule === 'invalid-format' && d.message.includes('uuid'))).map((d) => d.line));
  const same = vscodeLines.size === cliLines.size && [...vscodeLines].every((l) => cliLines.has(l));
  check(same, `${relative(resolve(root, '..'), path)} (${file.kind} ${file.api}): ${cliLines.size} lines with structure errors, same as VS Code`,
    `CLI: ${JSON.stringify([...cliLines].sort((a, b) => a - b))}, VS Code: ${show(theirs)}`);
  compared++;
  withErrors += cliLines.size > 0 ? 1 : 0;
  errorLines += cliLines.size;
}
check(compared >= 40 && withErrors >= 20,
  `compared ${compared} documents with the CLI, ${withErrors} of them with structure errors (${errorLines} lines)`);

if (failures > 0) {
  console.log(`${failures} failed`);
  process.exit(1);
}
