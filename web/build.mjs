/* npm run build: the page's script, bundled as bundle.mjs says, written where the web jar takes it from. */
import { build } from 'esbuild';
import { OPTIONS, OUTFILE } from './bundle.mjs';

await build({ ...OPTIONS, outfile: OUTFILE });
