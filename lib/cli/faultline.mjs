#!/usr/bin/env node
// The `faultline` command: loads the TypeScript CLI through tsx so no separate build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
