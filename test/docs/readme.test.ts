import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT_DOCUMENTATION, Environment } from '#libs/config';
import { projectRoot } from '#libs/dev-stack';

describe('README', () => {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');

  it('documents every configuration variable with its default and meaning', () => {
    const defaults = new Environment() as unknown as Record<string, unknown>;
    for (const [name, meaning] of Object.entries(ENVIRONMENT_DOCUMENTATION)) {
      const shownDefault = defaults[name] === undefined ? '—' : `\`${String(defaults[name])}\``;
      expect(readme).toContain(`| \`${name}\` | ${shownDefault} | ${meaning} |`);
    }
  });

  it('gives the two commands a new user needs', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
