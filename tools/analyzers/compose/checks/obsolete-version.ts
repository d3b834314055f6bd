import type { ComposeCheck } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-VERSION-OBSOLETE',
  severity: 'style',
  title: 'Top-level version: is obsolete',
  aliases: [],
  helpUri: 'https://docs.docker.com/reference/compose-file/version-and-name/',
  check: (ctx) => (ctx.root.version !== undefined ? [{ path: ['version'], message: 'the top-level version: is obsolete and ignored by Compose v2: remove it' }] : []),
};
