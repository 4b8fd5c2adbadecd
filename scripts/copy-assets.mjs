// tsc compiles TypeScript only: copy the non-code files the apps read at run time next to their build.
import { cpSync } from 'node:fs';

const ASSETS = ['apps/api/src/pki/assets'];
for (const folder of ASSETS) cpSync(folder, `dist/${folder}`, { recursive: true });
