// trunk post_build hook, last: brotli-11 and gzip-9 copies beside each hashed asset
// (`name-<16 hex>.wasm.br`, `.gz`), which gc-server and nginx send as they are to clients that
// accept them. Brotli at its highest quality is some 15% smaller than what a server
// compresses on the fly (the shell: 136 KB against 161 KB from gc-server's brotli, 166 KB
// gzip), and far too slow to run per request. Only content-hashed names: such a copy can
// never go stale, whereas config.json and index.html may be replaced after a build.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zc, gzip } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css|svg)$/;
const br = promisify(brotliCompress);
const gz = promisify(gzip);

let raw = 0;
let brotli = 0;
// zlib's async calls run on libuv's thread pool: every file at once uses every core.
await Promise.all(readdirSync(dir).filter((f) => HASHED.test(f)).map(async (f) => {
  const buf = readFileSync(join(dir, f));
  const [b, g] = await Promise.all([
    br(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: zc.BROTLI_MAX_QUALITY, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }),
    gz(buf, { level: 9 }),
  ]);
  writeFileSync(join(dir, `${f}.br`), b);
  writeFileSync(join(dir, `${f}.gz`), g);
  raw += buf.length;
  brotli += b.length;
}));
console.log(`precompress: ${(raw / 1024).toFixed(1)} KB of hashed assets, ${(brotli / 1024).toFixed(1)} KB as brotli 11`);
