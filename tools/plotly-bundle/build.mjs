// node build.mjs (after npm ci): writes the static site's plotly.js bundle and the licences
// of everything in it into src/lunarexplainer/assets/. The same lock file gives the same file.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const assets = join(here, '..', '..', 'src', 'lunarexplainer', 'assets');
const plotlyVersion = JSON.parse(
  readFileSync(join(here, 'node_modules', 'plotly.js', 'package.json'), 'utf8')).version;
const traces = [...readFileSync(join(here, 'entry.js'), 'utf8')
  .matchAll(/require\('plotly\.js\/lib\/([a-z0-9]+)'\)/g)].map((m) => m[1])
  .filter((name) => name !== 'core');

// Only the map trace types of plotly.js load a style sheet (maplibre-gl's); none is bundled.
const noCss = {
  name: 'no-css',
  setup(build) { build.onLoad({ filter: /\.css$/ }, () => ({ contents: '', loader: 'js' })); },
};

const result = await esbuild.build({
  entryPoints: [join(here, 'entry.js')],
  outfile: join(assets, 'plotly-site.min.js'),
  bundle: true, minify: true, format: 'iife', globalName: 'Plotly', target: 'es2016',
  define: { global: 'window', 'define.amd': 'false' },
  legalComments: 'none', metafile: true, plugins: [noCss], logLevel: 'warning',
  banner: { js: `/* plotly.js ${plotlyVersion} (MIT licence), partial bundle: core (scatter) + ` +
                `${traces.join(', ')}. Built by tools/plotly-bundle; licences in ` +
                'LICENSE-plotly-site.txt. */' },
});

// One licence text per npm package with code in the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (!match || input.endsWith('.css')) { continue; }  // style sheets: emptied above
  const root = input.slice(0, input.lastIndexOf(match[match.length - 1]) +
                           match[match.length - 1].length);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  packages.set(`${pkg.name}@${pkg.version}`, { root, license: pkg.license });
}
const parts = [...packages.keys()].sort().map((id) => {
  const { root, license } = packages.get(id);
  const names = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'license.md', 'LICENCE'];
  const file = names.map((n) => join(root, n)).find((p) => existsSync(p));
  const text = file ? readFileSync(file, 'utf8').trim() : `Licence: ${license} (package.json)`;
  return `${'='.repeat(72)}\n${id}\n${'='.repeat(72)}\n${text}\n`;
});
writeFileSync(join(assets, 'LICENSE-plotly-site.txt'),
  'plotly-site.min.js bundles code from these npm packages, each under the licence below.\n\n' +
  parts.join('\n'));
console.log(`plotly-site.min.js: plotly.js ${plotlyVersion}, ${traces.join(', ')}; ` +
            `${packages.size} packages`);
