// Runs the CLI from its TypeScript sources (with ts-hooks.mjs imported), as bin.mjs runs the built one.
const { main } = await import(new URL('../../src/cli/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
