// token.ts: serializing tokens (DragonFly's lwkt_token.c). A token is held only while its
// thread runs: lwkt_switch releases every token of the outgoing thread, and the scheduler
// re-acquires all of a thread's tokens before it resumes it (runq_choose). Blocking therefore
// silently releases tokens: there is no lock order to respect and no deadlock, but whatever
// a token protected may have changed across a block.
// The tokrefs live on the thread (td_toks, at most 32) and are released in LIFO order.
import { panic } from "../kern/panic.ts";
import { Thread, lwkt_switch } from "./thread.ts";
import { crit_enter, crit_exit, curthread } from "./crit.ts";

/** t_count: bit0 held exclusively, shared holders in steps of 4. */
export const TOK_EXCLUSIVE: u32 = 0x1;
export const TOK_EXCLREQ: u32 = 0x2;
export const TOK_INCR: u32 = 4;
const MAXTOKS: u32 = 32;
/** Exponential backoff bound before giving the acquisition to the scheduler. */
const TOK_BACKOFF_MAX: u32 = 4096;

export class LwktToken {
  t_count: u32 = 0;
  /** The exclusive holder's tokref (0 when not held exclusively). */
  t_ref: usize = 0;
  t_desc: string | null = null;
  /** Acquisitions that found the token busy. */
  t_collisions: u32 = 0;
}

export class LwktTokref {
  tr_tok: LwktToken | null = null;
  /** TOK_EXCLUSIVE or TOK_INCR (shared). */
  tr_mode: u32 = 0;
  tr_owner: Thread | null = null;
  /** 1 while this reference really holds the token (the thread runs or is being resumed). */
  tr_held: u32 = 0;
}

export function lwkt_token_init(tok: LwktToken, desc: string): void {
  tok.t_count = 0;
  tok.t_ref = 0;
  tok.t_desc = desc;
  tok.t_collisions = 0;
}

// ---- assertions a selftest may catch instead of panicking ----
let tok_catch: u32 = 0;
let tok_caught: u32 = 0;

export function token_catch_asserts(on: bool): void {
  tok_catch = on ? 1 : 0;
  tok_caught = 0;
}

export function token_asserts_caught(): u32 {
  return tok_caught;
}

function tok_assert(cond: bool, what: string): bool {
  if (cond) return true;
  if (tok_catch != 0) {
    tok_caught++;
    return false;
  }
  panic(what);
  return false;
}

/** Does `td` already hold `tok` exclusively (a recursive acquisition)? */
function held_excl_by(tok: LwktToken, td: Thread): bool {
  const r: usize = volatile_load<usize>(addressof(tok.t_ref));
  if (r == 0) return false;
  const ref: LwktTokref = cast<LwktTokref>(r);
  return ref.tr_owner == td && ref.tr_held != 0;
}

/** One attempt, never blocks. */
function tokref_try(ref: LwktTokref): bool {
  const tok: LwktToken | null = ref.tr_tok;
  const td: Thread | null = ref.tr_owner;
  if (tok == null || td == null) return false;
  for (;;) {
    const count: u32 = volatile_load<u32>(addressof(tok.t_count));
    if (ref.tr_mode == TOK_EXCLUSIVE) {
      if ((count & TOK_EXCLUSIVE) == 0 && (count & ~TOK_EXCLREQ) == 0) {
        if (cmpxchg(addressof(tok.t_count), count, (count | TOK_EXCLUSIVE) & ~TOK_EXCLREQ) != count) continue;
        volatile_store<usize>(addressof(tok.t_ref), addr(ref));
        ref.tr_held = 1;
        return true;
      }
      // Recursion: counted as a shared increment on top of our own exclusive hold.
      if ((count & TOK_EXCLUSIVE) != 0 && held_excl_by(tok, td)) {
        xadd(addressof(tok.t_count), TOK_INCR);
        ref.tr_held = 1;
        return true;
      }
      return false;
    }
    // Shared: add, then back out if someone else holds it exclusively.
    if ((count & TOK_EXCLUSIVE) != 0 && !held_excl_by(tok, td)) return false;
    xadd(addressof(tok.t_count), TOK_INCR);
    const now: u32 = volatile_load<u32>(addressof(tok.t_count));
    if ((now & TOK_EXCLUSIVE) != 0 && !held_excl_by(tok, td)) {
      xadd(addressof(tok.t_count), 0 - TOK_INCR);
      return false;
    }
    ref.tr_held = 1;
    return true;
  }
  return false;
}

function tokref_release(ref: LwktTokref): void {
  const tok: LwktToken | null = ref.tr_tok;
  if (tok == null || ref.tr_held == 0) return;
  ref.tr_held = 0;
  if (volatile_load<usize>(addressof(tok.t_ref)) == addr(ref)) {
    volatile_store<usize>(addressof(tok.t_ref), 0);
    barrier(); // the holder's writes are visible before the token looks free
    for (;;) {
      const count: u32 = volatile_load<u32>(addressof(tok.t_count));
      if (cmpxchg(addressof(tok.t_count), count, count & ~TOK_EXCLUSIVE) == count) break;
    }
  } else {
    barrier();
    xadd(addressof(tok.t_count), 0 - TOK_INCR);
  }
}

/** lwkt_switch: drop every token of the outgoing thread (the tokrefs stay on its stack). */
export function lwkt_relalltokens(td: Thread): void {
  for (let i: u32 = td.td_toks_n; i > 0; i--) tokref_release(td.td_toks[i - 1]);
}

/** The scheduler: take all of td's tokens, or none (false). */
export function lwkt_getalltokens(td: Thread): bool {
  const n: u32 = td.td_toks_n;
  for (let i: u32 = 0; i < n; i++) {
    const ref: LwktTokref = td.td_toks[i];
    if (ref.tr_held != 0) continue;
    if (!tokref_try(ref)) {
      const tok: LwktToken | null = ref.tr_tok;
      if (tok != null) tok.t_collisions++;
      for (let j: u32 = i; j > 0; j--) tokref_release(td.td_toks[j - 1]);
      return false;
    }
  }
  return true;
}

function push_ref(td: Thread, tok: LwktToken, mode: u32): LwktTokref {
  if (td.td_toks_n >= MAXTOKS) panic("lwkt_gettoken: more than 32 tokens held");
  const ref: LwktTokref = td.td_toks[td.td_toks_n];
  ref.tr_tok = tok;
  ref.tr_mode = mode;
  ref.tr_owner = td;
  ref.tr_held = 0;
  td.td_toks_n++;
  return ref;
}

/**
 * Acquire: try, back off exponentially, then let the scheduler finish the acquisition
 * (lwkt_switch returns only once all of this thread's tokens are held again).
 */
function gettoken_mode(tok: LwktToken, mode: u32): void {
  const td: Thread = curthread();
  crit_enter();
  const ref: LwktTokref = push_ref(td, tok, mode);
  let backoff: u32 = 1;
  while (!tokref_try(ref)) {
    tok.t_collisions++;
    if (backoff > TOK_BACKOFF_MAX) {
      td.td_contended++;
      lwkt_switch();
      if (ref.tr_held != 0) break;
      backoff = 1;
      continue;
    }
    for (let i: u32 = 0; i < backoff; i++) pause();
    backoff <<= 1;
  }
  crit_exit();
}

export function lwkt_gettoken(tok: LwktToken): void {
  gettoken_mode(tok, TOK_EXCLUSIVE);
}

export function lwkt_gettoken_shared(tok: LwktToken): void {
  gettoken_mode(tok, TOK_INCR);
}

/** Never blocks: true with the token held, false with nothing changed. */
export function lwkt_trytoken(tok: LwktToken): bool {
  const td: Thread = curthread();
  crit_enter();
  const ref: LwktTokref = push_ref(td, tok, TOK_EXCLUSIVE);
  const ok: bool = tokref_try(ref);
  if (!ok) td.td_toks_n--;
  crit_exit();
  return ok;
}

/** Release the most recently acquired token, which must be `tok` (LIFO) or the kernel panics. */
export function lwkt_reltoken(tok: LwktToken): void {
  const td: Thread = curthread();
  crit_enter();
  const n: u32 = td.td_toks_n;
  if (tok_assert(n > 0 && td.td_toks[n - 1].tr_tok == tok, "lwkt_reltoken: not the last token acquired")) {
    const ref: LwktTokref = td.td_toks[n - 1];
    tokref_release(ref);
    ref.tr_tok = null;
    td.td_toks_n = n - 1;
  }
  crit_exit();
}

/** Is `tok` held by the current thread? */
export function lwkt_token_is_held(tok: LwktToken): bool {
  const td: Thread = curthread();
  for (let i: u32 = 0; i < td.td_toks_n; i++) {
    if (td.td_toks[i].tr_tok == tok && td.td_toks[i].tr_held != 0) return true;
  }
  return false;
}
