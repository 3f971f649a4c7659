//! The requests: hover, completion and code actions, each answered from the document's kind and
//! revision and the core's editor functions and fixes.

use super::proto::{to_lsp, LineMap};
use super::Server;
use lsp_server::{ErrorCode, Request, Response};
use lsp_types as lt;
use rtk_preset_core::editor::{self, CompletionKind};
use rtk_preset_core::{fix, ApiRevision, DocumentKind};
use std::collections::HashMap;

impl Server<'_> {
    pub(super) fn request(&mut self, request: Request) -> Response {
        use lt::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
        let id = request.id.clone();
        let method = request.method.clone();
        let result = match method.as_str() {
            HoverRequest::METHOD => request
                .extract::<lt::HoverParams>(&method)
                .map(|(_, p)| serde_json::to_value(self.hover(p))),
            Completion::METHOD => request
                .extract::<lt::CompletionParams>(&method)
                .map(|(_, p)| serde_json::to_value(self.complete(p))),
            CodeActionRequest::METHOD => request
                .extract::<lt::CodeActionParams>(&method)
                .map(|(_, p)| serde_json::to_value(self.code_actions(p))),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("rtk-preset does not answer `{method}`"),
                )
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(error)) => {
                Response::new_err(id, ErrorCode::InternalError as i32, error.to_string())
            }
            Err(error) => Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("bad parameters: {error}"),
            ),
        }
    }

    /// The kind and revision to document and complete a preset with: what its last check found
    /// (its `$schema`'s, else the detected kind), else a create body in the configured revision;
    /// `None` when it is not a preset. A preset being typed is answered from its last check (at
    /// most a debounce old) rather than checked on every keystroke; a document that was no preset
    /// is checked now, in case the typing made it one.
    fn kind_of(&mut self, uri: &str) -> Option<(DocumentKind, ApiRevision)> {
        let doc = self.docs.get(uri)?;
        if doc.unchecked.is_some() && !doc.preset {
            self.check(uri, true);
        }
        let doc = self.docs.get(uri)?;
        let options = doc.options.as_ref().filter(|_| doc.preset)?;
        Some(doc.last_kind.unwrap_or((DocumentKind::Create, options.api)))
    }

    /// A preset at a cursor: its text and lines, the cursor's byte offset, and the kind and
    /// revision to answer with.
    fn cursor(&mut self, at: &lt::TextDocumentPositionParams) -> Option<Cursor<'_>> {
        let uri = at.text_document.uri.as_str();
        let (kind, api) = self.kind_of(uri)?;
        let text = self.docs.get(uri)?.text.as_str();
        let map = LineMap::new(text);
        let offset = map.offset(at.position);
        Some(Cursor {
            text: text.as_bytes(),
            map,
            offset,
            kind,
            api,
        })
    }

    fn hover(&mut self, params: lt::HoverParams) -> Option<lt::Hover> {
        let at = self.cursor(&params.text_document_position_params)?;
        let (markdown, span) = editor::hover(at.text, at.offset, at.kind, at.api)?;
        let map = at.map;
        Some(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(map.range(span)),
        })
    }

    fn complete(&mut self, params: lt::CompletionParams) -> Option<lt::CompletionResponse> {
        let at = self.cursor(&params.text_document_position)?;
        let map = at.map;
        let items = editor::complete(at.text, at.offset, at.kind, at.api)
            .into_iter()
            .map(|c| lt::CompletionItem {
                label: c.label,
                kind: Some(match c.kind {
                    CompletionKind::Field => lt::CompletionItemKind::PROPERTY,
                    CompletionKind::Value => lt::CompletionItemKind::ENUM_MEMBER,
                }),
                detail: Some(c.detail),
                documentation: Some(lt::Documentation::MarkupContent(lt::MarkupContent {
                    kind: lt::MarkupKind::Markdown,
                    value: c.documentation,
                })),
                sort_text: Some(c.sort),
                // The client filters by the text in the edit's range, quotes included.
                filter_text: Some(c.text.clone()),
                text_edit: Some(lt::CompletionTextEdit::Edit(lt::TextEdit {
                    range: map.range(c.span),
                    new_text: c.text,
                })),
                ..Default::default()
            })
            .collect();
        Some(lt::CompletionResponse::Array(items))
    }

    fn code_actions(&mut self, params: lt::CodeActionParams) -> Vec<lt::CodeActionOrCommand> {
        let uri = params.text_document.uri;
        // Answer for the text as it is now, not as it was at the last check.
        if self
            .docs
            .get(uri.as_str())
            .is_some_and(|d| d.unchecked.is_some())
        {
            self.check(uri.as_str(), true);
        }
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        let Some(options) = doc.options.as_ref().filter(|_| doc.preset) else {
            return Vec::new();
        };
        let only = params.context.only.as_ref();
        let wants = |kind: &lt::CodeActionKind| {
            only.is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let map = LineMap::new(&doc.text);
        let requested = params.range;
        let mut actions = Vec::new();
        if wants(&lt::CodeActionKind::QUICKFIX) {
            for finding in &doc.findings {
                let Some(fix) = &finding.fix else {
                    continue;
                };
                let diagnostic = to_lsp(finding, &map, &uri, self.related_information);
                let range = diagnostic.range;
                if range.end < requested.start || requested.end < range.start {
                    continue;
                }
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| lt::TextEdit {
                        range: map.range(e.span),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                let safe = fix.applicability == fix::Applicability::Safe;
                actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: if safe {
                        fix.description.clone()
                    } else {
                        format!("{} (changes the meaning)", fix.description)
                    },
                    kind: Some(lt::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(edit(&uri, edits)),
                    is_preferred: Some(safe),
                    ..Default::default()
                }));
            }
        }
        if wants(&lt::CodeActionKind::SOURCE_FIX_ALL) {
            let (fixed, applied) =
                rtk_preset_core::fix_document(doc.text.as_bytes(), options, false);
            if applied > 0 {
                if let Ok(fixed) = String::from_utf8(fixed) {
                    // One edit: from the first byte that differs to the last.
                    let old = doc.text.as_bytes();
                    let new = fixed.as_bytes();
                    let mut start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
                    while !doc.text.is_char_boundary(start) {
                        start -= 1;
                    }
                    let mut suffix = old[start..]
                        .iter()
                        .rev()
                        .zip(new[start..].iter().rev())
                        .take_while(|(a, b)| a == b)
                        .count();
                    while !doc.text.is_char_boundary(old.len() - suffix) {
                        suffix -= 1;
                    }
                    let span = rtk_preset_core::Span::new(start, old.len() - suffix);
                    let replacement = fixed[start..new.len() - suffix].to_owned();
                    actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                        title: format!(
                            "Apply every safe rtk-preset fix ({applied} fix{})",
                            if applied == 1 { "" } else { "es" }
                        ),
                        kind: Some(lt::CodeActionKind::SOURCE_FIX_ALL),
                        edit: Some(edit(
                            &uri,
                            vec![lt::TextEdit {
                                range: map.range(span),
                                new_text: replacement,
                            }],
                        )),
                        ..Default::default()
                    }));
                }
            }
        }
        actions
    }
}

/// A preset at a cursor ([`Server::cursor`]).
struct Cursor<'a> {
    text: &'a [u8],
    map: LineMap<'a>,
    offset: usize,
    kind: DocumentKind,
    api: ApiRevision,
}

fn edit(uri: &lt::Uri, edits: Vec<lt::TextEdit>) -> lt::WorkspaceEdit {
    lt::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}
