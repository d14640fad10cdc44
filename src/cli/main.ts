#!/usr/bin/env node
import { ParsePool, loadVocabulary } from '../ingest/index.js';

const argv = process.argv.slice(2);
// `serve` parses the archive in a worker thread. Started here, before the server's modules load (half a
// second), the worker loads the parser meanwhile, on the other core. Not when a snapshot spares the parsing.
const parses = argv[0] === 'serve' && !argv.some((a) => a === '-h' || a === '--help' || a.startsWith('--snapshot')) && !process.env['SNAPSHOT'];
const parsePool = parses ? new ParsePool(loadVocabulary()).warm() : undefined;
const { runCli } = await import('./run.js');

const code = await runCli(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
  ...(parsePool ? { parsePool } : {}),
});
// A failed command stops here: work it started (a half-read archive, parse
// workers) has no one left to serve. Success ends when the event loop is empty.
if (code !== 0) process.exit(code);
process.exitCode = code;
