/* How the page's script is bundled: src/js/main.mjs and what it imports, by esbuild, into one classic script (an IIFE:
 * no module tags, no eval), so that the server serves one app.js under its Content-Security-Policy and the exported
 * HTML inlines one script. build.mjs writes it; test/page.test.mjs bundles it the same way in memory and runs it. */
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Where Maven packages the web jar's resources from (index.html and style.css are copied there beside it). */
export const OUTFILE = here('target/classes/swarmlab/web/app.js');

export const OPTIONS = {
  entryPoints: [here('src/js/main.mjs')],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  charset: 'ascii',
  legalComments: 'none',
  // Strict as the modules are (esbuild leaves the directive out of an IIFE of ES modules).
  banner: { js: '/* swarmlab\'s page, bundled from web/src/js by `npm run build` (web/build.mjs): edit those modules, not this file. */\n\'use strict\';' },
  logLevel: 'warning'
};
