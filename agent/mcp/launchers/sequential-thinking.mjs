#!/usr/bin/env node
// Starts @modelcontextprotocol/server-sequential-thinking from wherever npm put it (nested or hoisted), so the
// package's own .mcp.json can run it with `node` instead of `npx -y` (which would go to the registry).
import module from 'node:module';

// The compile cache, as bin/docker-expert.js turns it on (Node 22.1+; a no-op on Node 20): this server starts with
// every run that names it, and most of its start-up is compiling the MCP SDK and zod.
module.enableCompileCache?.();
await import('@modelcontextprotocol/server-sequential-thinking/dist/index.js');
