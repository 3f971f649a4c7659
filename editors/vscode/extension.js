// The rtk-preset language server in VS Code: a generic LSP client (vscode-languageclient) that
// runs `rtk-preset lsp` for JSON documents. The server decides which documents are presets (an
// rtk-preset.toml that selects them, `rtkPreset.include`, or a `$schema` naming an rtk-preset
// schema) and leaves every other JSON file alone.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const settings = vscode.workspace.getConfiguration('rtkPreset');
  const server = { command: settings.get('path', 'rtk-preset'), args: ['lsp'] };
  client = new LanguageClient(
    'rtk-preset',
    'rtk-preset',
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: 'file', language: 'json' },
        { scheme: 'file', language: 'jsonc' },
        { scheme: 'untitled', language: 'json' },
      ],
      initializationOptions: { include: settings.get('include', []) },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
