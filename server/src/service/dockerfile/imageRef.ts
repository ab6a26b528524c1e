/** An image reference split the way registries read it: `[registry/][namespace/]repository[:tag][@digest]`. */
export interface ImageRef {
  readonly registry: string | undefined;
  readonly namespace: string | undefined;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** True when the image lives on Docker Hub (no registry, or one of Hub's host names). */
  readonly dockerHub: boolean;
  /** Docker Hub's curated `library` namespace. */
  readonly official: boolean;
}

const HUB_HOSTS: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Splits a reference; undefined when there is no repository part at all (`:tag`, `@x`, empty). */
export function parseImageRef(ref: string): ImageRef | undefined {
  let rest = ref.trim();
  if (!rest) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  // Same rule as the Docker CLI: a first component with a dot, a port or `localhost` is a host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) registry = parts.shift();
  const repository = parts.pop() ?? '';
  if (!repository) return undefined;
  const namespace = parts.length ? parts.join('/') : undefined;
  const dockerHub = registry === undefined || HUB_HOSTS.has(registry.toLowerCase());
  return {
    registry,
    namespace,
    repository,
    tag: tag || undefined,
    digest: digest || undefined,
    dockerHub,
    official: dockerHub && (namespace === undefined || namespace === 'library'),
  };
}
