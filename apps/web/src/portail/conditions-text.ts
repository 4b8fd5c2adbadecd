import { html, type TemplateResult } from 'lit';
import { api } from './holder-session.js';

/** GET /v1/conditions/current: the version a registration must accept, and where its text is published. */
export interface ConditionsInForce {
  version: string;
  textUrl: string;
}

export function conditionsInForce(signal?: AbortSignal): Promise<ConditionsInForce> {
  return api.get<ConditionsInForce>('/v1/conditions/current', signal);
}

/** The published text (plain text, as the certificates point to it). */
export async function conditionsText(textUrl: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(textUrl, { signal });
  if (!response.ok) throw new Error(`conditions: ${response.status}`);
  return response.text();
}

type Block = { kind: 'title' | 'heading' | 'paragraph'; text: string };

/**
 * The plain text as headings and paragraphs: lines are wrapped at a fixed width and paragraphs
 * separated by blank lines; "4.- SOUSCRIPTION" starts an article.
 */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: blocks.length === 0 ? 'title' : 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of text.split(/\r?\n|\f/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) flush();
    else if (/^\d+\.-\s/.test(line)) {
      flush();
      blocks.push({ kind: 'heading', text: line.replace(/^(\d+)\.-\s*/, '$1. ') });
    } else if (paragraph.length && /\p{L}-$/u.test(paragraph.at(-1)!)) {
      // "expert-" at the end of a line and "comptable" on the next: one word, no space.
      paragraph.push(`${paragraph.pop()!}${line}`);
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

export function conditionsDocument(text: string): TemplateResult {
  return html`${blocksOf(text).map((block) =>
    block.kind === 'title'
      ? html`<p class="conditions-title">${block.text}</p>`
      : block.kind === 'heading'
        ? html`<h2>${block.text}</h2>`
        : html`<p>${block.text}</p>`,
  )}`;
}
