// Hardened XML for camera answers. Everything a camera (or anything on the network pretending to
// be one) sends is untrusted, so:
//  - no DTD at all: a `<!DOCTYPE` or `<!ENTITY` anywhere is refused before parsing, which rules out
//    entity expansion ("billion laughs") and external entities; saxes (strict, XML 1.0) also
//    refuses any entity reference other than the five predefined ones and character references;
//  - a byte limit, an element-depth limit and an element-count limit, checked while parsing so a
//    hostile answer costs no more than the limit;
//  - a tree of plain objects, looked up by LOCAL name: vendors use tds:, ns0:, SOAP-ENV:, env:,
//    s: or no prefix at all, and some forget to declare the prefixes they use, so we do not
//    resolve namespaces (saxes runs with xmlns: false and never fails on an unbound prefix).
// Why saxes rather than fast-xml-parser: a SAX parser lets the depth/count limits stop the parse
// as soon as they are crossed, it is strict about well-formedness (a cut-off answer is an error,
// not a half tree), and it has no entity-expansion feature to configure away. It is what jsdom uses.
import { SaxesParser } from 'saxes';

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

/** Generous for ONVIF (a GetProfiles with 255 presets is ~200 KiB; real nesting is ~15 deep). */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64, maxElements: 50_000 };

export type XmlProblem = 'too_large' | 'too_deep' | 'too_many_elements' | 'doctype' | 'malformed' | 'empty';

export class XmlError extends Error {
  constructor(
    readonly problem: XmlProblem,
    detail: string,
  ) {
    super(`XML ${problem}: ${detail}`);
    this.name = 'XmlError';
  }
}

export interface XmlElement {
  /** Local name, prefix stripped (`tds:Model` → `Model`). */
  name: string;
  /** Attributes by local name (`xml:lang` → `lang`); namespace declarations are left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded), untrimmed. */
  text: string;
}

const localName = (qname: string): string => {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
};

// A DTD is the only way to declare entities; no camera needs one.
const DTD_RE = /<!(?:DOCTYPE|ENTITY)/i;

export function parseXml(input: string | Buffer, limits: Partial<XmlLimits> = {}): XmlElement {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > lim.maxBytes) throw new XmlError('too_large', `${bytes} bytes, limit ${lim.maxBytes}`);
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (DTD_RE.test(text)) throw new XmlError('doctype', 'document type declarations and entities are refused');
  if (!text.trim()) throw new XmlError('empty', 'no content');

  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let failure: Error | null = null;

  parser.on('error', (err) => {
    // saxes keeps going after an error unless we stop it; remember the first and stop.
    failure ??= err instanceof XmlError ? err : new XmlError('malformed', err.message);
    throw failure;
  });
  parser.on('doctype', () => {
    throw new XmlError('doctype', 'document type declarations are refused');
  });
  parser.on('opentag', (tag) => {
    if (++count > lim.maxElements) throw new XmlError('too_many_elements', `more than ${lim.maxElements} elements`);
    if (stack.length + 1 > lim.maxDepth) throw new XmlError('too_deep', `nesting deeper than ${lim.maxDepth}`);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes as Record<string, string>)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      attrs[localName(k)] = v;
    }
    const el: XmlElement = { name: localName(tag.name), attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof XmlError) throw err;
    throw new XmlError('malformed', (err as Error).message);
  }
  if (failure) throw failure;
  if (!root) throw new XmlError('empty', 'no root element');
  return root;
}

// ---- lookups by local name ------------------------------------------------------------------

/** First direct child with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** All direct children with this local name. */
export function childrenOf(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Follows a path of direct children: path(env, 'Body', 'GetStatusResponse'). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/** First descendant (depth-first, the element itself excluded) with this local name. */
export function find(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  const stack = [...el.children].reverse();
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.name === name) return cur;
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
  }
  return undefined;
}

/** Every descendant with this local name, in document order. */
export function findAll(el: XmlElement | undefined, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  const stack = [...el.children].reverse();
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.name === name) out.push(cur);
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
  }
  return out;
}

/** Trimmed text of the element (vendors pad values with newlines and indentation), or undefined. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el ? el.text.trim() : undefined;
}

/** Trimmed text of the first descendant with this local name. */
export function findText(el: XmlElement | undefined, name: string): string | undefined {
  return textOf(find(el, name));
}

export function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function boolOf(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

/** Escapes text for element content and attribute values we send. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
