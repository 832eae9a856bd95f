// Builds the agent web app into web/dist: the bundle and its stylesheet
// under content-hashed names, index.html pointing at them, a service worker
// that caches only the app shell, the PWA manifest and the icon, and
// files.txt, the list meson embeds into the binary.
//
//   cd web && npm ci && node build.mjs
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync,
  copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

const hash8 = (data) => createHash('sha256').update(data).digest('hex')
  .slice(0, 8);

// Bundle one entry point in memory and return its text.
async function bundle(entry) {
  const r = await build({
    entryPoints: [join(root, entry)], bundle: true, minify: true,
    format: 'esm', target: ['es2020'], write: false, legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return r.outputFiles[0].text;
}

function indexHtml(js, css) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#f7f7f8">
<meta name="color-scheme" content="light">
<title>Parley</title>
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/app/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/app/${css}">
<script type="module" src="/app/${js}"></script>
</head>
<body>
<div id="app"><noscript>Parley needs JavaScript.</noscript></div>
</body>
</html>
`;
}

// The service worker caches the shell under a versioned name and never
// touches the API: conversations are always live, never stale.
function serviceWorker(shell, version) {
  const tpl = readFileSync(join(root, 'src', 'sw.template.js'), 'utf8');
  return tpl.replace('__SHELL__', JSON.stringify(shell))
    .replace('__VERSION__', JSON.stringify(version));
}

async function main() {
  const js = await bundle('src/main.js');
  const css = await bundle('src/styles.css');
  const jsName = `app-${hash8(js)}.js`;
  const cssName = `app-${hash8(css)}.css`;

  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, jsName), js);
  writeFileSync(join(dist, cssName), css);
  writeFileSync(join(dist, 'index.html'), indexHtml(jsName, cssName));
  for (const f of readdirSync(join(root, 'public')))
    copyFileSync(join(root, 'public', f), join(dist, f));
  const shell = ['/', `/app/${jsName}`, `/app/${cssName}`, '/app/icon.svg',
    '/manifest.webmanifest'];
  writeFileSync(join(dist, 'sw.js'),
    serviceWorker(shell, hash8(js + css)));
  const files = readdirSync(dist).sort();
  writeFileSync(join(dist, 'files.txt'), files.join('\n') + '\n');
  console.log(`web/dist: ${files.join(' ')}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
