//! `roadmap lsp`: the checker in the editor, a Language Server Protocol
//! server over standard input and output. Each change re-runs the pipeline
//! of `roadmap check` on the editor's texts; the requests read its result.

mod complete;
mod diagnostics;
mod edit;
mod hover;
mod outline;
mod symbol;
mod text;
mod tokens;
mod workspace;

use crate::lang::Lang;
use chrono::NaiveDate;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, InitializeParams, Location, OneOf,
    PublishDiagnosticsParams, SemanticTokensFullOptions, SemanticTokensOptions,
    SemanticTokensServerCapabilities, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Url, WorkspaceEdit,
};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use symbol::Symbol;
use text::Lines;
use workspace::{absolute, Analysis, Texts};

/// What stops the server: the connection to the editor failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the connection to the editor failed: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("the connection to the editor closed unexpectedly")]
    Closed,
    #[error("cannot read the editor's message: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the connection to the editor failed: {0}")]
    Io(#[from] std::io::Error),
}

/// How the server speaks and what day it is.
pub struct Options {
    /// `None`: the editor's locale, or else the system's.
    pub lang: Option<Lang>,
    /// The day a hover's «as of» is measured from.
    pub today: NaiveDate,
}

/// Serves one editor over standard input and output until it says `exit`.
pub fn serve(options: Options) -> Result<(), Error> {
    let (connection, io) = Connection::stdio();
    let result = serve_on(&connection, options);
    drop(connection);
    io.join()?;
    result
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(lsp_types::FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        rename_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..SemanticTokensOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}

fn serve_on(connection: &Connection, options: Options) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let lang = options
        .lang
        .unwrap_or_else(|| match params.locale.as_deref() {
            Some(l) if l.starts_with("ru") => Lang::Ru,
            Some(_) => Lang::En,
            None => Lang::from_env(),
        });
    #[allow(deprecated)] // `root_uri`: clients that send no workspace folders.
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri)
        .and_then(|u| u.to_file_path().ok());
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": "roadmap", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let mut server = Server {
        connection,
        texts: Texts::new(root),
        analysis: None,
        published: BTreeSet::new(),
        lang,
        today: options.today,
    };
    server.run()
}

struct Server<'a> {
    connection: &'a Connection,
    texts: Texts,
    /// `None` when a text changed since the last check.
    analysis: Option<Analysis>,
    /// Files that were sent diagnostics, to be cleared when they have none.
    published: BTreeSet<PathBuf>,
    lang: Lang,
    today: NaiveDate,
}

impl Server<'_> {
    /// Reads messages; after a burst of changes, checks once and publishes.
    fn run(&mut self) -> Result<(), Error> {
        loop {
            let message = if self.analysis.is_none() {
                match self.connection.receiver.try_recv() {
                    Ok(message) => message,
                    Err(crossbeam_channel::TryRecvError::Empty) => {
                        self.publish()?;
                        continue;
                    }
                    Err(crossbeam_channel::TryRecvError::Disconnected) => {
                        return Err(Error::Closed)
                    }
                }
            } else {
                self.connection.receiver.recv().map_err(|_| Error::Closed)?
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = self.request(request);
                    self.connection
                        .sender
                        .send(Message::Response(response))
                        .map_err(|_| Error::Closed)?;
                }
                Message::Notification(notification) => self.notification(notification)?,
                Message::Response(_) => {}
            }
        }
    }

    fn analysis(&mut self) -> &Analysis {
        self.analysis.get_or_insert_with(|| self.texts.analyse())
    }

    /// Checks again and sends every file's findings.
    fn publish(&mut self) -> Result<(), Error> {
        let lang = self.lang;
        let found = diagnostics::by_file(self.analysis(), lang);
        let mut now = BTreeSet::new();
        let mut sends = Vec::new();
        for (path, list) in found {
            now.insert(path.clone());
            sends.push((path, list));
        }
        for path in self.published.difference(&now) {
            sends.push((path.clone(), Vec::new()));
        }
        for path in self.texts.open_files() {
            if !now.contains(path) && !self.published.contains(path) {
                sends.push((path.clone(), Vec::new()));
            }
        }
        for (path, diagnostics) in sends {
            let Ok(uri) = Url::from_file_path(&path) else {
                continue;
            };
            let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
            let notification = Notification::new(note::PublishDiagnostics::METHOD.into(), params);
            self.connection
                .sender
                .send(Message::Notification(notification))
                .map_err(|_| Error::Closed)?;
        }
        self.published = now;
        Ok(())
    }

    fn notification(&mut self, n: Notification) -> Result<(), Error> {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    self.texts.set(path, p.text_document.text);
                    self.analysis = None;
                }
            }
            note::DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                if let (Some(path), Some(change)) = (
                    path_of(&p.text_document.uri),
                    p.content_changes.into_iter().last(),
                ) {
                    self.texts.set(path, change.text);
                    self.analysis = None;
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let p: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    self.texts.saved(&path);
                    self.analysis = None;
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                self.texts.rescan();
                self.analysis = None;
            }
            note::DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    self.texts.close(&path);
                    self.analysis = None;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        match self.answer(r) {
            Ok(value) => Response::new_ok(id, value),
            Err(Failure::Params(err)) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, err.to_string())
            }
            Err(Failure::Refused(message)) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, message)
            }
            Err(Failure::Unknown(method)) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown request {method}"),
            ),
        }
    }

    fn answer(&mut self, r: Request) -> Result<serde_json::Value, Failure> {
        let lang = self.lang;
        let value = match r.method.as_str() {
            req::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(r.params)?;
                let today = self.today;
                let (path, position) = place(&p.text_document_position_params);
                let analysis = self.analysis();
                let hover = path.and_then(|path| {
                    let id = analysis.file(&path)?;
                    let lines = Lines::new(analysis.text(id));
                    let offset = lines.offset(position);
                    let (text, span) = hover::at(analysis, id, offset, today, lang)?;
                    Some(lsp_types::Hover {
                        contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                            kind: lsp_types::MarkupKind::Markdown,
                            value: text,
                        }),
                        range: Some(lines.range(span.start, span.end)),
                    })
                });
                serde_json::to_value(hover)?
            }
            req::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = serde_json::from_value(r.params)?;
                let (path, position) = place(&p.text_document_position_params);
                let found = path.and_then(|path| {
                    let (symbol, _) = self.symbol_at(&path, position)?;
                    Some(self.declarations(&path, &symbol))
                });
                serde_json::to_value(found)?
            }
            req::References::METHOD => {
                let p: lsp_types::ReferenceParams = serde_json::from_value(r.params)?;
                let (path, position) = place(&p.text_document_position);
                let found = path.and_then(|path| {
                    let (symbol, _) = self.symbol_at(&path, position)?;
                    Some(
                        self.occurrences(&path, &symbol)
                            .into_iter()
                            .flat_map(|(uri, edits)| {
                                edits
                                    .into_iter()
                                    .map(move |e| Location::new(uri.clone(), e.range))
                            })
                            .collect::<Vec<_>>(),
                    )
                });
                serde_json::to_value(found)?
            }
            req::Rename::METHOD => {
                let p: lsp_types::RenameParams = serde_json::from_value(r.params)?;
                let (path, position) = place(&p.text_document_position);
                let Some(path) = path else {
                    return Ok(serde_json::Value::Null);
                };
                let Some((symbol, _)) = self.symbol_at(&path, position) else {
                    return Ok(serde_json::Value::Null);
                };
                check_new_name(&symbol, &p.new_name, lang)?;
                let changes: HashMap<Url, Vec<TextEdit>> = self
                    .occurrences(&path, &symbol)
                    .into_iter()
                    .map(|(uri, edits)| {
                        let edits = edits
                            .into_iter()
                            .map(|e| TextEdit::new(e.range, p.new_name.clone()))
                            .collect();
                        (uri, edits)
                    })
                    .collect();
                serde_json::to_value(WorkspaceEdit::new(changes))?
            }
            req::Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(r.params)?;
                let (path, position) = place(&p.text_document_position);
                let analysis = self.analysis();
                let items = path.and_then(|path| {
                    let id = analysis.file(&path)?;
                    let lines = Lines::new(analysis.text(id));
                    let before = lines.line_before(lines.offset(position));
                    Some(complete::at(analysis, id, before, lang))
                });
                serde_json::to_value(items.unwrap_or_default())?
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = serde_json::from_value(r.params)?;
                let symbols = self.with_text(&p.text_document.uri, |doc, lines, _| {
                    outline::symbols(doc, lines)
                });
                serde_json::to_value(symbols.map(lsp_types::DocumentSymbolResponse::Nested))?
            }
            req::FoldingRangeRequest::METHOD => {
                let p: lsp_types::FoldingRangeParams = serde_json::from_value(r.params)?;
                let ranges = self.with_text(&p.text_document.uri, |doc, lines, _| {
                    outline::folding(doc, lines)
                });
                serde_json::to_value(ranges)?
            }
            req::SemanticTokensFullRequest::METHOD => {
                let p: lsp_types::SemanticTokensParams = serde_json::from_value(r.params)?;
                let data = self.with_text(&p.text_document.uri, |doc, _, text| {
                    tokens::tokens(doc, text)
                });
                serde_json::to_value(data.map(|data| lsp_types::SemanticTokens {
                    result_id: None,
                    data,
                }))?
            }
            req::Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams = serde_json::from_value(r.params)?;
                let edits = path_of(&p.text_document.uri).and_then(|path| {
                    let text = self.texts.text(&path)?;
                    edit::format(&path, &text)
                });
                serde_json::to_value(edits)?
            }
            req::CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = serde_json::from_value(r.params)?;
                let analysis = self.analysis();
                let actions = path_of(&p.text_document.uri).and_then(|path| {
                    let id = analysis.file(&path)?;
                    let lines = Lines::new(analysis.text(id));
                    let (start, end) = (lines.offset(p.range.start), lines.offset(p.range.end));
                    Some(edit::actions(
                        analysis,
                        id,
                        &p.text_document.uri,
                        start,
                        end,
                        lang,
                    ))
                });
                serde_json::to_value(actions.unwrap_or_default())?
            }
            method => return Err(Failure::Unknown(method.to_string())),
        };
        Ok(value)
    }

    /// Runs `f` on the parsed text of a file, open or saved.
    fn with_text<T>(
        &self,
        uri: &Url,
        f: impl FnOnce(&crate::syntax::Document, &Lines, &str) -> T,
    ) -> Option<T> {
        let path = path_of(uri)?;
        let text = self.texts.text(&path)?;
        let (doc, _) = crate::syntax::parse(crate::source::FileId(0), &text);
        Some(f(&doc, &Lines::new(&text), &text))
    }

    fn symbol_at(&self, path: &Path, position: lsp_types::Position) -> Option<(Symbol, usize)> {
        let text = self.texts.text(path)?;
        let offset = Lines::new(&text).offset(position);
        let (doc, _) = crate::syntax::parse(crate::source::FileId(0), &text);
        symbol::at(&doc, &text, path, offset).map(|(s, _)| (s, offset))
    }

    /// Where a symbol is declared, in the files joined to `path`.
    fn declarations(&self, path: &Path, symbol: &Symbol) -> Vec<Location> {
        if let Symbol::File(file) = symbol {
            return Url::from_file_path(file)
                .ok()
                .map(|uri| Location::new(uri, lsp_types::Range::default()))
                .into_iter()
                .collect();
        }
        let mut found = Vec::new();
        for file in self.texts.family(path) {
            if file.extension().is_some_and(|e| e == "status") {
                continue;
            }
            let (Some(text), Ok(uri)) = (self.texts.text(&file), Url::from_file_path(&file)) else {
                continue;
            };
            let lines = Lines::new(&text);
            for (s, e) in symbol::declarations(&text, symbol) {
                found.push(Location::new(uri.clone(), lines.range(s, e)));
            }
        }
        // A parameter is declared in the template and bound in the plan:
        // the declaration comes first.
        if let (Symbol::Parameter(_), Ok(here)) = (symbol, Url::from_file_path(path)) {
            found.sort_by_key(|l| l.uri == here);
        }
        found
    }

    /// Every place the files joined to `path` name a symbol, status files included.
    fn occurrences(&self, path: &Path, symbol: &Symbol) -> Vec<(Url, Vec<TextEdit>)> {
        let mut found = Vec::new();
        for file in self.texts.family(path) {
            let (Some(text), Ok(uri)) = (self.texts.text(&file), Url::from_file_path(&file)) else {
                continue;
            };
            let lines = Lines::new(&text);
            let edits: Vec<TextEdit> = symbol::occurrences(&text, symbol)
                .into_iter()
                .map(|(s, e)| TextEdit::new(lines.range(s, e), String::new()))
                .collect();
            if !edits.is_empty() {
                found.push((uri, edits));
            }
        }
        found
    }
}

/// Why a request has no answer.
enum Failure {
    Params(serde_json::Error),
    Refused(String),
    Unknown(String),
}

impl From<serde_json::Error> for Failure {
    fn from(err: serde_json::Error) -> Failure {
        Failure::Params(err)
    }
}

/// A new name must be a name of the same kind: a party id is one word, an
/// activity number is digits and dots.
fn check_new_name(symbol: &Symbol, name: &str, lang: Lang) -> Result<(), Failure> {
    let ok = match symbol {
        Symbol::Party(_) => {
            !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || ",:;".contains(c))
        }
        Symbol::Activity(_) => name
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())),
        Symbol::Parameter(_) => {
            !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        }
        Symbol::File(_) => false,
    };
    if ok {
        return Ok(());
    }
    Err(Failure::Refused(match (symbol, lang) {
        (Symbol::Party(_), Lang::Ru) => format!(
            "«{name}» не годится в обозначения участника: нужно одно слово без пробелов и запятых"
        ),
        (Symbol::Party(_), Lang::En) => {
            format!("`{name}` cannot be a party id: use one word without spaces or commas")
        }
        (Symbol::Activity(_), Lang::Ru) => format!(
            "«{name}» не годится в номера мероприятия: нужны цифры через точку, например 4.2"
        ),
        (Symbol::Activity(_), Lang::En) => {
            format!("`{name}` cannot be an activity number: use digits and dots, such as 4.2")
        }
        (Symbol::Parameter(_), Lang::Ru) => {
            format!("«{name}» не годится в имена параметра: нужны буквы, цифры и «_»")
        }
        (Symbol::Parameter(_), Lang::En) => {
            format!("`{name}` cannot be a parameter's name: use letters, digits and `_`")
        }
        (Symbol::File(_), Lang::Ru) => {
            "Файл так не переименовать: переименуйте его в папке".to_string()
        }
        (Symbol::File(_), Lang::En) => {
            "A file cannot be renamed here: rename it in its folder".to_string()
        }
    }))
}

fn path_of(uri: &Url) -> Option<PathBuf> {
    uri.to_file_path().ok().map(|p| absolute(&p))
}

fn place(p: &lsp_types::TextDocumentPositionParams) -> (Option<PathBuf>, lsp_types::Position) {
    (path_of(&p.text_document.uri), p.position)
}
