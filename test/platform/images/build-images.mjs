#!/usr/bin/env node
// Builds platform test images into build/platform/NAME.elf: `node test/platform/images/build-images.mjs demo ipi`
// (no names = all). Used by `make run` before the kernel exists.
import { runTs } from "../../../tools/host/run-ts.mjs";
const { buildPlatformImage, PLATFORM_IMAGES } = await runTs("test/platform/images/build.ts");
const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : PLATFORM_IMAGES) {
  if (!PLATFORM_IMAGES.includes(name)) {
    console.error(`build-images: no platform image named ${name} (have: ${PLATFORM_IMAGES.join(", ")})`);
    process.exit(2);
  }
  buildPlatformImage(name);
}
