/* Just enough of a browser's document for the bundled page to run in Node: elements with attributes, children, text and
 * listeners; compound selectors (tag, .class, [attr], [attr="value"]); the page's own elements made from index.html. */
import { readFileSync } from 'node:fs';

class Text {
  constructor(data) { this.data = String(data); this.parentNode = null; }
  get textContent() { return this.data; }
}

/** One compound selector: a tag (or none), classes, attributes present or equal to a value. */
function parse(selector) {
  const m = /^([a-z0-9]*)((?:\.[\w-]+|\[[\w-]+(?:="[^"]*"|=[^\]"]*)?\])*)$/.exec(selector.trim());
  if (!m) { throw new Error('the fake document does not read the selector ' + selector); }
  const parts = [...m[2].matchAll(/\.([\w-]+)|\[([\w-]+)(?:="([^"]*)"|=([^\]"]*))?\]/g)];
  return {
    tag: m[1],
    classes: parts.filter((p) => p[1]).map((p) => p[1]),
    attrs: parts.filter((p) => p[2]).map((p) => [p[2], p[3] !== undefined ? p[3].replace(/\\"/g, '"') : p[4]])
  };
}

export class Element {
  constructor(doc, tag, namespace) {
    Object.assign(this, { ownerDocument: doc, localName: tag, namespaceURI: namespace, attributes: new Map(), childNodes: [], listeners: {} });
    Object.assign(this, { parentNode: null, hidden: false, open: false, disabled: false, scrollTop: 0, scrollHeight: 100 });
  }

  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  get className() { return this.getAttribute('class') || ''; }
  set className(value) { this.setAttribute('class', value); }
  get id() { return this.getAttribute('id') || ''; }

  appendChild(kid) { kid.parentNode = this; this.childNodes.push(kid); return kid; }
  get children() { return this.childNodes.filter((k) => k instanceof Element); }
  get textContent() { return this.childNodes.map((k) => k.textContent).join(''); }
  set textContent(value) { this.childNodes = []; if (value !== '' && value !== null && value !== undefined) { this.appendChild(new Text(value)); } }

  /** A select's value: its selected option's, else its first option's. */
  get value() {
    if (this.localName !== 'select') { return this.getAttribute('value'); }
    const options = this.children;
    const chosen = options.find((o) => o.getAttribute('selected') !== null) || options[0];
    return chosen ? chosen.getAttribute('value') : '';
  }
  set value(value) { this.setAttribute('value', value); }

  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  /** Fires an event at the element and up through its ancestors, as a bubbling event would. */
  fire(type, fields) {
    let prevented = false;
    for (let at = this; at; at = at.parentNode) {
      (at.listeners[type] || []).forEach((fn) => fn({ target: this, currentTarget: at, preventDefault: () => { prevented = true; }, ...fields }));
    }
    return prevented;
  }

  focus() { this.ownerDocument.activeElement = this; }
  showModal() { this.open = true; }
  close() { this.open = false; }

  matches(selector) {
    const { tag, classes, attrs } = parse(selector);
    const own = this.className.split(' ');
    return (!tag || this.localName === tag) && classes.every((c) => own.includes(c))
      && attrs.every(([name, value]) => (value === undefined ? this.getAttribute(name) !== null : this.getAttribute(name) === value));
  }

  closest(selector) {
    for (let at = this; at instanceof Element; at = at.parentNode) { if (at.matches(selector)) { return at; } }
    return null;
  }

  /** Every element below this one, in document order. */
  descendants() { return this.children.flatMap((k) => [k, ...k.descendants()]); }
  querySelectorAll(selector) { return this.descendants().filter((el) => el.matches(selector)); }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
}

/** A document whose body holds an element for each id of index.html (of its tag), none nested. */
export function pageDocument() {
  const html = readFileSync(new URL('../src/main/resources/swarmlab/web/index.html', import.meta.url), 'utf8');
  const doc = {
    activeElement: null,
    createElement: (tag) => new Element(doc, tag, 'http://www.w3.org/1999/xhtml'),
    createElementNS: (namespace, tag) => new Element(doc, tag, namespace),
    createTextNode: (data) => new Text(data),
    getElementById: (id) => doc.body.querySelector('[id="' + id + '"]'),
    querySelector: (selector) => doc.body.querySelector(selector),
    querySelectorAll: (selector) => doc.body.querySelectorAll(selector)
  };
  doc.body = doc.createElement('body');
  for (const [, tag, attrs] of html.matchAll(/<([a-z0-9]+)([^>]*\bid="[^"]+"[^>]*)>/g)) {
    const el = doc.body.appendChild(doc.createElement(tag));
    for (const [, name, value] of attrs.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) { el.setAttribute(name, value === undefined ? '' : value); }
    el.hidden = el.getAttribute('hidden') !== null;
  }
  return doc;
}
