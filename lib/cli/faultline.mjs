#!/usr/bin/env node
// The `faultline` command: runs the compiled CLI (build/cli.mjs, made by `npm run build`) when it is up to date
// with the sources, else loads the TypeScript through tsx, so a checkout being edited needs no build step.
import { pathToFileURL } from 'node:url';
import { compiledEntry } from './compiled.mjs';

async function loadMain() {
  const compiled = compiledEntry('cli');
  if (compiled) return (await import(pathToFileURL(compiled).href)).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('./main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
