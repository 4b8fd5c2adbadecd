import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleOptions, WorkerOptions } from '@temporalio/worker';

/**
 * Where the workflow code is, and how the SDK's webpack must read it. This file sits three levels
 * below either the checkout (running from TypeScript sources, as in tests) or dist/ (built).
 */
export function workflowSource(): Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'> {
  const codeRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const extension = existsSync(join(codeRoot, 'workflows', 'index.ts')) ? 'ts' : 'js';
  return {
    workflowsPath: join(codeRoot, 'workflows', `index.${extension}`),
    bundlerOptions: { webpackConfigHook: webpackHook(codeRoot, extension) },
  };
}

type WebpackHook = NonNullable<BundleOptions['webpackConfigHook']>;

/** Our ESM conventions for webpack: `./x.js` specifiers naming `./x.ts` sources, and `#libs/<name>` imports. */
function webpackHook(codeRoot: string, extension: 'ts' | 'js'): WebpackHook {
  const alias: Record<string, string> = {};
  for (const lib of readdirSync(join(codeRoot, 'libs'))) {
    alias[`#libs/${lib}$`] = join(codeRoot, 'libs', lib, 'src', `index.${extension}`);
  }
  return (config) => ({
    ...config,
    resolve: {
      ...config.resolve,
      alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...alias },
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
  });
}
