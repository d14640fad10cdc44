// `node --import` this to record the modules a process loads (module-log-hooks.mjs).
import { register } from 'node:module';

register(new URL('./module-log-hooks.mjs', import.meta.url));
