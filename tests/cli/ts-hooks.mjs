// Module hooks that let `node --import ./tests/cli/ts-hooks.mjs src/cli/main-entry` run the
// TypeScript sources directly, so spawned CLI tests need no build of lib/.
import { register } from 'node:module';

register('./ts-hooks-loader.mjs', import.meta.url);
