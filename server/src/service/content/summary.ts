import type { CardKind, CardTopic, Deck } from './cards';
import { CARD_KINDS, CARD_TOPICS } from './cards';

/** What each topic covers, in the order a learner meets them. */
const TOPIC_TITLES: Record<CardTopic, string> = {
  'containers-101': 'Containers 101: what a container is, containers vs VMs',
  oci: 'OCI: the open image and runtime standards',
  images: 'Images: layers, tags, digests, multi-arch, build cache',
  'basic-commands': 'Basic commands: run, exec, stop, rm, prune',
  volumes: 'Volumes and storage: volumes, bind mounts, storage drivers',
  dockerfile: 'Dockerfile: instructions, build context, multi-stage builds',
  architecture: 'Architecture: namespaces, cgroups, kernel features',
  'docker-architecture': 'Docker architecture: dockerd, containerd, runc, shim',
  compose: 'Compose: services, builds, ports, volumes, environment',
  networking: 'Networking: CNM, drivers, DNS, port publishing',
  security: 'Security: least privilege, capabilities, content trust, secrets',
  production: 'Production: restart policies, TLS, image hygiene',
  registry: 'Registries: Docker Hub, private registries, push and pull',
  swarm: 'Swarm: managers, quorum, services, scaling, placement',
  logging: 'Logging: drivers, daemon logs, docker logs',
};

const KIND_TITLES: Record<CardKind, string> = {
  open: 'open',
  'true-false': 'true/false',
  'multiple-choice': 'multiple choice',
  'spot-the-bug': 'spot the bug',
};

/** The README's "What you learn" section, generated from the deck so the counts never drift. */
export function renderDeckSummary(deck: Deck): string {
  const count = (topic: CardTopic | undefined, kind: CardKind | undefined) =>
    deck.filter((c) => (topic === undefined || c.topic === topic) && (kind === undefined || c.kind === kind)).length;
  const lines = [
    '## What you learn',
    '',
    `The study deck has ${deck.length} cards in ${CARD_TOPICS.filter((t) => count(t, undefined) > 0).length} topics. ` +
      'Open cards flip to reveal an answer; true/false and multiple-choice cards are graded and explain every option; ' +
      '"spot the bug" cards show a Dockerfile or Compose snippet with a mistake that one of the rules reports.',
    '',
    `| Topic | Cards | ${CARD_KINDS.map((k) => KIND_TITLES[k]).join(' | ')} |`,
    `|---|--:|${CARD_KINDS.map(() => '--:').join('|')}|`,
  ];
  for (const topic of CARD_TOPICS) {
    const n = count(topic, undefined);
    if (n === 0) continue;
    lines.push(`| ${TOPIC_TITLES[topic]} | ${n} | ${CARD_KINDS.map((k) => count(topic, k)).join(' | ')} |`);
  }
  lines.push(`| **Total** | **${deck.length}** | ${CARD_KINDS.map((k) => `**${count(undefined, k)}**`).join(' | ')} |`, '');
  return lines.join('\n');
}
