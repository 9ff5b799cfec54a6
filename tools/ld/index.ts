// The linker's in-process API (used by `tsk` and by tests):
//   link(objects, options) -> { image, map, warnings, entry }, throws LinkError.
export { link, type LinkInput, type LinkOptions, type LinkResult } from "./link.ts";
export { LinkError } from "./errors.ts";
export { KERNEL_SCRIPT, USER_SCRIPT, presetScript, type Preset } from "./presets.ts";
export { findMultibootHeader } from "./multiboot.ts";
