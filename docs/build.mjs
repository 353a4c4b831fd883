// Builds the API reference served at /docs by `make run` into build/api-docs: our page and
// its start script (docs/reference) with Swagger UI's script and style from swagger-ui-dist
// (npm, pinned in package.json), so the page loads nothing from anywhere else.
//   node docs/build.mjs            (npm run build:docs)
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "api-docs");
const swagger = join(root, "node_modules", "swagger-ui-dist");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  await copyFile(join(swagger, file), join(out, file));
}
// The licence travels with the code it covers.
await copyFile(join(swagger, "LICENSE"), join(out, "swagger-ui-LICENSE.txt"));
await copyFile(join(swagger, "NOTICE"), join(out, "swagger-ui-NOTICE.txt"));
await copyFile(
  join(swagger, "swagger-ui-bundle.js.LICENSE.txt"),
  join(out, "swagger-ui-bundle.js.LICENSE.txt"),
);
for (const file of await readdir(join(root, "docs", "reference"))) {
  await copyFile(join(root, "docs", "reference", file), join(out, file));
}
