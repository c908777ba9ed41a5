// The VS Code side of the roadmap language: starts `roadmap lsp` and hands it
// the .roadmap and .status files. Colours come from the TextMate grammars in
// syntaxes/; everything else (diagnostics, hovers, outline, formatting) from
// the server, over the standard Language Server Protocol.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration("roadmap");
  const command = config.get("server.path") || "roadmap";
  const lang = config.get("server.lang");
  const args = lang ? ["--lang", lang, "lsp"] : ["lsp"];
  return { command, args, transport: TransportKind.stdio };
}

async function start(context) {
  client = new LanguageClient(
    "roadmap",
    "Roadmap",
    serverOptions(),
    {
      documentSelector: [
        { scheme: "file", language: "roadmap" },
        { scheme: "file", language: "roadmap-status" },
        { scheme: "untitled", language: "roadmap" },
      ],
      synchronize: {
        // Included files, templates and status files change the diagnostics
        // of the files that name them.
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{roadmap,status}"),
      },
    }
  );
  try {
    await client.start();
  } catch (err) {
    const ru = vscode.env.language.startsWith("ru");
    vscode.window.showErrorMessage(
      ru
        ? `Не удалось запустить «${serverOptions().command} lsp»: ${err.message}. Установите roadmap (пакет .deb или cargo install) или укажите путь в параметре roadmap.server.path.`
        : `Cannot start "${serverOptions().command} lsp": ${err.message}. Install roadmap (the .deb package or cargo install) or set roadmap.server.path.`
    );
  }
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("roadmap.server")) {
        if (client) {
          await client.stop();
        }
        await start(context);
      }
    })
  );
  return start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
