/** Our own explanation of a Compose key, shown on hover (content: server/content/composeKeys.yaml). */
export interface ComposeKeyDoc {
  /** One-line summary. */
  readonly summary: string;
  /** Markdown paragraphs that teach the idea behind the key. */
  readonly body: string;
  /** Short examples (YAML), shown as a code block. */
  readonly example?: string;
  /** docs.docker.com page for the key. */
  readonly docs: string;
}

/** Keyed by path pattern: `services.*.ports`, `volumes` (top level), `services.*.healthcheck.test`. */
export type ComposeKeyDocs = Readonly<Record<string, ComposeKeyDoc>>;
