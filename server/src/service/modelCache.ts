/** The document shape the service needs: what `vscode-languageserver-textdocument` provides. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/**
 * One parse per document version, shared by every feature. Keyed by uri; a new version replaces
 * the old entry, so memory is bounded by the number of open documents.
 */
export class ModelCache<M> {
  private readonly entries = new Map<string, { version: number; text: string; model: M }>();

  constructor(private readonly parse: (text: string, uri: string, version: number) => M, private readonly max = 64) {}

  get(doc: TextDocumentLike): M {
    const hit = this.entries.get(doc.uri);
    const text = doc.getText();
    // Version alone is not enough: the CLI and tests reuse version 0 for different texts.
    if (hit && hit.version === doc.version && hit.text === text) return hit.model;
    const model = this.parse(text, doc.uri, doc.version);
    this.entries.delete(doc.uri);
    this.entries.set(doc.uri, { version: doc.version, text, model });
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return model;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
