// Shell-style wildcards as GNU ld uses them for file and section names: `*`, `?`, `[abc]`,
// `[a-z]`, `[!a]` / `[^a]`. Everything else matches itself.
const cache = new Map<string, RegExp>();

export function globMatch(pattern: string, text: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === text;
  let re = cache.get(pattern);
  if (re === undefined) {
    let src = "^";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === "*") src += ".*";
      else if (c === "?") src += ".";
      else if (c === "[") {
        const close = pattern.indexOf("]", i + 2);
        if (close < 0) { src += "\\["; continue; }
        let body = pattern.slice(i + 1, close);
        if (body.startsWith("!") || body.startsWith("^")) body = "^" + body.slice(1);
        src += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      } else src += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
    }
    re = new RegExp(src + "$", "s");
    cache.set(pattern, re);
  }
  return re.test(text);
}
