// Which study card explains each rule. The data is server/content/ruleCards.yaml (schema
// server/content/schema/ruleCards.schema.json), generated into server/src/generated/ruleCards.ts.

/** Rule id, hadolint code or BuildKit check name → card id. */
export type RuleCardMap = Readonly<Record<string, string>>;

/** The part of a rule the lookup reads; Dockerfile and Compose rules both have it. */
export interface RuleKeys {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly explain: { readonly cardId?: string };
}

/**
 * The card behind a rule: its own `explain.cardId`, else the map's entry for its id, else for its
 * first alias that has one. Keying by alias lets the map name rules whose id is chosen elsewhere.
 */
export function ruleCardId(rule: RuleKeys, map: RuleCardMap): string | undefined {
  if (rule.explain.cardId) return rule.explain.cardId;
  const own = map[rule.id];
  if (own) return own;
  for (const a of rule.aliases) {
    const c = map[a];
    if (c) return c;
  }
  return undefined;
}

/** The same rule with `explain.cardId` filled from the map (unchanged when it has one or the map has none). */
export function withStudyCard<R extends RuleKeys>(rule: R, map: RuleCardMap): R {
  if (rule.explain.cardId) return rule;
  const cardId = ruleCardId(rule, map);
  return cardId ? { ...rule, explain: { ...rule.explain, cardId } } : rule;
}

/** Map keys that name none of `rules` by id or alias: entries waiting for rules not registered yet. */
export function unmatchedKeys(map: RuleCardMap, rules: readonly RuleKeys[]): string[] {
  const names = new Set<string>();
  for (const r of rules) {
    names.add(r.id);
    for (const a of r.aliases) names.add(a);
  }
  return Object.keys(map).filter((k) => !names.has(k)).sort();
}
