import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { ComposeDoc, ComposeModel } from './model';
import { keyString } from './model';

/** What sits under an offset: the key path from the root, and whether the offset is on a key or a value. */
export interface Located {
  readonly doc: ComposeDoc;
  readonly path: (string | number)[];
  readonly on: 'key' | 'value';
  /** The key or value node under the offset. */
  readonly node: YamlNode;
  readonly pair?: Pair;
}

const inside = (node: YamlNode | null | undefined, offset: number): boolean => {
  const r = node?.range;
  return !!r && r[0] <= offset && offset <= r[1];
};

export function locate(model: ComposeModel, offset: number): Located | undefined {
  for (const doc of model.docs) {
    const root = doc.yaml.contents as YamlNode | null;
    if (!root || !inside(root, offset) && !(root.range && offset <= root.range[2])) continue;
    const path: (string | number)[] = [];
    let node: YamlNode | null = root;
    let pair: Pair | undefined;
    for (let depth = 0; depth < 100 && node; depth++) {
      if (isMap(node)) {
        let next: YamlNode | null = null;
        for (const p of node.items) {
          const k = p.key as YamlNode | null;
          if (inside(k, offset)) return { doc, path: [...path, keyString(k)], on: 'key', node: k!, pair: p };
          const v = p.value as YamlNode | null;
          if (inside(v, offset)) {
            path.push(keyString(k));
            next = v;
            pair = p;
            break;
          }
        }
        if (!next) return undefined;
        node = next;
      } else if (isSeq(node)) {
        const i = node.items.findIndex((it) => inside(it as YamlNode, offset));
        if (i < 0) return undefined;
        path.push(i);
        node = node.items[i] as YamlNode;
      } else {
        return isScalar(node) || node ? { doc, path, on: 'value', node, pair } : undefined;
      }
    }
  }
  return undefined;
}
