/**
 * Shared by every package's vitest config: resolve workspace packages to their TypeScript sources (the `source`
 * export condition), so a package's tests see its dependencies' current code without a build. Installed packages
 * have no `source` condition (publishConfig replaces `exports`), and plain Node in the workspace gets `dist/`.
 */
const SOURCE_FIRST_SERVER = ['source', 'module', 'node', 'development|production'];
const SOURCE_FIRST_CLIENT = ['source', 'module', 'browser', 'development|production'];

export const sourceConditions = {
  resolve: { conditions: SOURCE_FIRST_CLIENT },
  ssr: { resolve: { conditions: SOURCE_FIRST_SERVER, externalConditions: ['source'] } },
};
