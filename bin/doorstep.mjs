#!/usr/bin/env node
// The `doorstep` command: loads the TypeScript CLI in-process through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
