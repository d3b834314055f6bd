#!/usr/bin/env node
// Starts @modelcontextprotocol/server-sequential-thinking from wherever npm put it (nested or hoisted), so the
// package's own .mcp.json can run it with `node` instead of `npx -y` (which would go to the registry).
await import('@modelcontextprotocol/server-sequential-thinking/dist/index.js');
