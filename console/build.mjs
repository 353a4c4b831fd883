// Builds the agent console into console/dist: the page, and its script and style bundled by
// esbuild with content hashes in their names (served as immutable). livekit-client goes in a
// chunk of its own, loaded only when an agent joins a call.
//   node console/build.mjs            (npm run build:console)
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "src");
const dist = join(here, "dist");
const assets = join(dist, "assets");
// The page lives at /console/; absolute URLs work for /console as well.
const publicPath = "/console/assets";

await rm(dist, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await build({
  entryPoints: { app: join(src, "main.js"), console: join(src, "console.css") },
  outdir: assets,
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  minify: true,
  sourcemap: false,
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[hash]",
  publicPath,
  metafile: true,
  legalComments: "linked",
  logLevel: "warning",
});

// The page names its two entries' outputs (a dynamic import, as call.js, is an entry too).
const pageEntries = { "console/src/main.js": "app.js", "console/src/console.css": "console.css" };
const outputs = {};
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const name = pageEntries[meta.entryPoint];
  if (name) outputs[name] = `${publicPath}/${relative(assets, file)}`;
}
let html = await readFile(join(src, "index.html"), "utf8");
for (const [name, url] of Object.entries(outputs)) {
  html = html.replaceAll(`%${name}%`, url);
}
if (/%[a-z.]+%/.test(html)) throw new Error("index.html names an asset the build did not make");
await writeFile(join(dist, "index.html"), html);
const sizes = Object.entries(result.metafile.outputs).map(
  ([file, meta]) => `${relative(dist, file)} ${meta.bytes}`,
);
console.log(`console built: ${sizes.join(", ")}`);
