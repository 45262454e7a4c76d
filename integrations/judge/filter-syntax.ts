/** The reference server's filter parser as the judge's `FilterSyntax` (the engine never imports it). */
import type { FilterSyntax } from '../../engine/judge/index.js';
import { parseFilter, type AttrPath, type FilterNode } from '../../reference-server/filter/index.js';

const pathText = (p: AttrPath, prefix = '') =>
  `${p.uri ? `${p.uri}:` : ''}${prefix}${p.attribute}${p.subAttribute ? `.${p.subAttribute}` : ''}`;

/** Attribute paths of a filter; inside `emails[type eq "work"]` the inner names become `emails.type`. */
function attributesOf(node: FilterNode, outer?: AttrPath): string[] {
  const prefix = outer ? `${pathText(outer)}.` : '';
  const name = (p: AttrPath) => (outer ? `${prefix}${p.attribute}` : pathText(p));
  switch (node.kind) {
    case 'compare':
    case 'present':
      return [name(node.path)];
    case 'and':
    case 'or':
      return [...attributesOf(node.left, outer), ...attributesOf(node.right, outer)];
    case 'not':
      return attributesOf(node.filter, outer);
    case 'valuePath':
      return attributesOf(node.filter, node.path);
  }
}

export const referenceFilterSyntax: FilterSyntax = {
  parse(text) {
    try {
      return { ok: true, attributes: attributesOf(parseFilter(text)) };
    } catch (err) {
      const detail = (err as { detail?: unknown }).detail;
      return { ok: false, message: typeof detail === 'string' ? detail : (err as Error).message };
    }
  },
};
