// Benchmarks: `npm run bench` runs every part; `npm run bench -- --only ca` (comma-separated) picks parts.
// Parts print figures; they assert nothing.
import { runCaBench } from './ca.bench.js';
import { runVerificationBench } from './verification.bench.js';

const PARTS: Readonly<Record<string, () => Promise<void>>> = {
  ca: runCaBench,
  verification: runVerificationBench,
};

function selectedParts(argv: readonly string[]): string[] {
  const index = argv.indexOf('--only');
  const inline = argv.find((arg) => arg.startsWith('--only='));
  const value = inline ? inline.slice('--only='.length) : index >= 0 ? argv[index + 1] : undefined;
  if (!value) return Object.keys(PARTS);
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(name in PARTS));
  if (unknown.length) throw new Error(`unknown benchmark part(s): ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  return names;
}

for (const name of selectedParts(process.argv.slice(2))) {
  console.log(`\n=== bench: ${name} ===`);
  await PARTS[name]();
}
