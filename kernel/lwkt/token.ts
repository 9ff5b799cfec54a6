// token.ts: serializing tokens (DragonFly's lwkt_token.c). A token is held only while its
// thread runs: lwkt_switch releases every token of the outgoing thread, and the scheduler
// re-acquires all of a thread's tokens before it resumes it (runq_choose). Blocking therefore
// silently releases tokens: there is no lock order to respect and no deadlock, but whatever
// a token protected may have changed across a block.
// The tokrefs live on the thread (td_toks, at most 32) and are released in LIFO order.
//
// Contention, in the order a waiter meets it:
//  - exponential backoff, windowed by the TSC: time is cut into windows of 2^TOK_WINDOW_SHIFT
//    cycles, window w belonging to CPU w % ncpus; a CPU inside its own window retries without
//    pausing. Whichever CPU happens to be nearest the token when it is released would
//    otherwise win it again and again; the rotation gives every contender a turn within
//    ncpus windows.
//  - then the scheduler finishes the acquisition (lwkt_switch; runq_choose calls
//    lwkt_getalltokens until it succeeds). An exclusive waiter first raises TOK_EXCLREQ:
//    shared acquirers holding no other token defer to it, so a stream of overlapping shared
//    holders cannot starve it. A thread holding other tokens does not defer (the waiter may
//    need one of them). A shared waiter that has waited longer than the exclusive request
//    (t_exclreq_since) does not defer either: the older waiter goes first.
//  - a thread the scheduler failed more than TOK_SORT_CONTENDED times in a row gets its
//    tokens in address order: two threads wanting {A,B} in opposite orders could otherwise
//    each take its first and fail its second forever.
// Pool tokens: a fixed table of tokens picked by hashing an address, for objects too many or
// too small to carry a token of their own.
import { panic } from "../kern/panic.ts";
import { Globaldata, globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { Thread, lwkt_switch } from "./thread.ts";
import { crit_enter, crit_exit, curthread } from "./crit.ts";

/** t_count: bit0 held exclusively, bit1 an exclusive waiter is queued, shared holders in steps of 4. */
export const TOK_EXCLUSIVE: u32 = 0x1;
export const TOK_EXCLREQ: u32 = 0x2;
export const TOK_INCR: u32 = 4;
const MAXTOKS: u32 = 32;
/** Exponential backoff bound before giving the acquisition to the scheduler. */
const TOK_BACKOFF_MAX: u32 = 4096;
/** TSC windows of 256 cycles: short enough that each contender's turn comes many times
 * within one backoff (which reaches thousands of pauses), long enough for a retry or two. */
const TOK_WINDOW_SHIFT: u32 = 8;
/** Scheduler failures in a row after which a thread's tokens are taken in address order. */
export const TOK_SORT_CONTENDED: u32 = 10;

export class LwktToken {
  t_count: u32 = 0;
  /** The exclusive holder's tokref (0 when not held exclusively). */
  t_ref: usize = 0;
  t_desc: string | null = null;
  /** Acquisitions that found the token busy, and failed scheduler re-acquisitions. */
  t_collisions: u32 = 0;
  /** While TOK_EXCLREQ is set: when (TSC, low 32 bits) the exclusive waiter that raised it
   * began waiting; shared waiters older than that do not defer. */
  t_exclreq_since: u32 = 0;
}

export class LwktTokref {
  tr_tok: LwktToken | null = null;
  /** TOK_EXCLUSIVE or TOK_INCR (shared). */
  tr_mode: u32 = 0;
  tr_owner: Thread | null = null;
  /** 1 while this reference really holds the token (the thread runs or is being resumed). */
  tr_held: u32 = 0;
  /** When (TSC, low 32 bits, never 0) this reference started waiting; 0 while not waiting. */
  tr_wait: u32 = 0;
}

export function lwkt_token_init(tok: LwktToken, desc: string): void {
  tok.t_count = 0;
  tok.t_ref = 0;
  tok.t_desc = desc;
  tok.t_collisions = 0;
  tok.t_exclreq_since = 0;
}

// ---- counters: per CPU in globaldata (gd_tok_*), summed here for the selftests ----
export const TOKSTAT_EXCLREQ_RAISED: u32 = 0;
export const TOKSTAT_EXCLREQ_DEFERRED: u32 = 1;
export const TOKSTAT_SORTED_GETALL: u32 = 2;
export const TOKSTAT_WINDOW_TURNS: u32 = 3;

/** A token counter summed over the CPUs (each CPU only bumps its own, in a critical section). */
export function lwkt_token_stat(which: u32): u32 {
  let n: u32 = 0;
  for (let c: u32 = 0; c < ncpus; c++) {
    const gd: Globaldata = globaldata[c];
    if (which == TOKSTAT_EXCLREQ_RAISED) n += volatile_load<u32>(addressof(gd.gd_tok_exclreq_raised));
    else if (which == TOKSTAT_EXCLREQ_DEFERRED) n += volatile_load<u32>(addressof(gd.gd_tok_exclreq_deferred));
    else if (which == TOKSTAT_SORTED_GETALL) n += volatile_load<u32>(addressof(gd.gd_tok_sorted_getall));
    else n += volatile_load<u32>(addressof(gd.gd_tok_window_turns));
  }
  return n;
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

/** Low 32 bits of the TSC, never 0 (0 means "not waiting"). */
function tok_now(): u32 {
  const t: u32 = u32(rdtsc() & 0xffffffffn);
  return t == 0 ? 1 : t;
}

/** Did the wait that began at `a` begin before the one at `b`? (Valid for waits under 2^31 cycles.) */
function tok_older(a: u32, b: u32): bool {
  return i32(a - b) < 0;
}

/** Is this CPU inside its own TSC window? */
function tok_my_window(): bool {
  const w: u32 = u32(rdtsc() & 0xffffffffn) >> TOK_WINDOW_SHIFT;
  return w % ncpus == mycpu().gd_cpuid;
}

/** Does `td` already hold `tok` exclusively (a recursive acquisition)? */
function held_excl_by(tok: LwktToken, td: Thread): bool {
  const r: usize = volatile_load<usize>(addressof(tok.t_ref));
  if (r == 0) return false;
  const ref: LwktTokref = cast<LwktTokref>(r);
  return ref.tr_owner == td && ref.tr_held != 0;
}

/**
 * Must this shared reference let a pending exclusive request go first? Only when it is the
 * thread's one token (with others held, the exclusive waiter might be waiting for one of
 * them) and it has not itself been waiting since before the request was raised.
 */
function shared_defers(ref: LwktTokref, tok: LwktToken, td: Thread): bool {
  if (td.td_toks_n != 1) return false;
  const w: u32 = ref.tr_wait;
  return w == 0 || !tok_older(w, volatile_load<u32>(addressof(tok.t_exclreq_since)));
}

/** One attempt, never blocks. */
function tokref_try(ref: LwktTokref): bool {
  const tok: LwktToken | null = ref.tr_tok;
  const td: Thread | null = ref.tr_owner;
  if (tok == null || td == null) return false;
  for (;;) {
    const count: u32 = volatile_load<u32>(addressof(tok.t_count));
    if (ref.tr_mode == TOK_EXCLUSIVE) {
      if ((count & ~TOK_EXCLREQ) == 0) {
        // Free. Taking it satisfies the pending request, whoever raised it: a waiter that is
        // still waiting raises it again at its next failure.
        if (cmpxchg(addressof(tok.t_count), count, TOK_EXCLUSIVE) != count) continue;
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
    if ((count & TOK_EXCLUSIVE) != 0) {
      if (!held_excl_by(tok, td)) return false;
      xadd(addressof(tok.t_count), TOK_INCR);
      ref.tr_held = 1;
      return true;
    }
    if ((count & TOK_EXCLREQ) != 0 && shared_defers(ref, tok, td)) {
      mycpu().gd_tok_exclreq_deferred++;
      return false;
    }
    // Shared: add, then back out if someone took it exclusively meanwhile.
    const old: u32 = xadd(addressof(tok.t_count), TOK_INCR);
    if ((old & TOK_EXCLUSIVE) == 0) {
      ref.tr_held = 1;
      return true;
    }
    xadd(addressof(tok.t_count), 0 - TOK_INCR);
    return false;
  }
  return false;
}

/**
 * An exclusive reference is waiting for the scheduler: raise TOK_EXCLREQ, stamped with the
 * oldest raiser's wait start. (Two raisers racing may leave the younger stamp: that only
 * lets fewer shared waiters pass.)
 */
function raise_exclreq(ref: LwktTokref, tok: LwktToken): void {
  const since: u32 = ref.tr_wait;
  for (;;) {
    const count: u32 = volatile_load<u32>(addressof(tok.t_count));
    if ((count & TOK_EXCLREQ) != 0) {
      if (tok_older(since, volatile_load<u32>(addressof(tok.t_exclreq_since)))) volatile_store<u32>(addressof(tok.t_exclreq_since), since);
      break;
    }
    // The stamp before the bit: whoever sees the bit (x86 keeps stores in order) sees the stamp.
    volatile_store<u32>(addressof(tok.t_exclreq_since), since);
    if (cmpxchg(addressof(tok.t_count), count, count | TOK_EXCLREQ) == count) break;
  }
  mycpu().gd_tok_exclreq_raised++;
}

function tokref_release(ref: LwktTokref): void {
  const tok: LwktToken | null = ref.tr_tok;
  if (tok == null || ref.tr_held == 0) return;
  ref.tr_held = 0;
  if (volatile_load<usize>(addressof(tok.t_ref)) == addr(ref)) {
    volatile_store<usize>(addressof(tok.t_ref), 0);
    barrier(); // the holder's writes are visible before the token looks free
    for (;;) {
      // Keep EXCLREQ and any shared increment in flight (it backs itself out).
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

/** The scheduler could not get `ref`: it is waiting now (an exclusive one says so). */
function getall_failed(ref: LwktTokref): void {
  const tok: LwktToken | null = ref.tr_tok;
  if (tok == null) return;
  tok.t_collisions++;
  if (ref.tr_wait == 0) ref.tr_wait = tok_now();
  if (ref.tr_mode == TOK_EXCLUSIVE) raise_exclreq(ref, tok);
}

/** All of td's tokens in the order it acquired them, or none. */
function getall_in_order(td: Thread, n: u32): bool {
  for (let i: u32 = 0; i < n; i++) {
    const ref: LwktTokref = td.td_toks[i];
    if (ref.tr_held != 0) continue;
    if (!tokref_try(ref)) {
      getall_failed(ref);
      for (let j: u32 = i; j > 0; j--) tokref_release(td.td_toks[j - 1]);
      return false;
    }
  }
  return true;
}

/**
 * All of td's tokens in address order, or none. The sort is stable, so a token acquired
 * several times is taken by its first (exclusive) reference before the recursive ones.
 */
function getall_sorted(td: Thread, n: u32): bool {
  let order: FixedArray<u32, 32> = [];
  for (let i: u32 = 0; i < n; i++) {
    const a: usize = tokref_tok_addr(td.td_toks[i]);
    let j: u32 = i;
    while (j > 0 && tokref_tok_addr(td.td_toks[order[j - 1]]) > a) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = i;
  }
  for (let k: u32 = 0; k < n; k++) {
    const ref: LwktTokref = td.td_toks[order[k]];
    if (ref.tr_held != 0) continue;
    if (!tokref_try(ref)) {
      getall_failed(ref);
      for (let m: u32 = k; m > 0; m--) tokref_release(td.td_toks[order[m - 1]]);
      return false;
    }
  }
  mycpu().gd_tok_sorted_getall++;
  return true;
}

function tokref_tok_addr(ref: LwktTokref): usize {
  const tok: LwktToken | null = ref.tr_tok;
  return tok == null ? 0 : addr(tok);
}

/**
 * The scheduler: take all of td's tokens, or none (false). After more than
 * TOK_SORT_CONTENDED failures in a row (td_contended, which runq_choose raises) they are taken
 * in address order. Success ends the thread's wait: td_contended and the wait stamps reset.
 */
export function lwkt_getalltokens(td: Thread): bool {
  const n: u32 = td.td_toks_n;
  const ok: bool = n > 1 && td.td_contended > TOK_SORT_CONTENDED ? getall_sorted(td, n) : getall_in_order(td, n);
  if (!ok) return false;
  td.td_contended = 0;
  for (let i: u32 = 0; i < n; i++) td.td_toks[i].tr_wait = 0;
  return true;
}

function push_ref(td: Thread, tok: LwktToken, mode: u32): LwktTokref {
  if (td.td_toks_n >= MAXTOKS) panic("lwkt_gettoken: more than 32 tokens held");
  const ref: LwktTokref = td.td_toks[td.td_toks_n];
  ref.tr_tok = tok;
  ref.tr_mode = mode;
  ref.tr_owner = td;
  ref.tr_held = 0;
  ref.tr_wait = 0;
  td.td_toks_n++;
  return ref;
}

/**
 * Acquire: try, back off exponentially (TSC-windowed), then let the scheduler finish the
 * acquisition (lwkt_switch returns only once all of this thread's tokens are held again).
 * The uncontended path needs no critical section: only this thread touches its tokrefs, and
 * the one thing that can interrupt it, an interrupt thread's preemption, leaves the preempted
 * thread's tokrefs and tokens as they are and resumes it where it was.
 */
function gettoken_mode(tok: LwktToken, mode: u32): void {
  const td: Thread = curthread();
  const ref: LwktTokref = push_ref(td, tok, mode);
  if (tokref_try(ref)) return;
  crit_enter();
  tok.t_collisions++;
  ref.tr_wait = tok_now();
  let backoff: u32 = 1;
  for (;;) {
    if (backoff > TOK_BACKOFF_MAX) {
      if (mode == TOK_EXCLUSIVE) raise_exclreq(ref, tok);
      td.td_contended++;
      lwkt_switch();
      if (ref.tr_held != 0) break;
      backoff = 1;
      continue;
    }
    if (tok_my_window()) {
      mycpu().gd_tok_window_turns++;
    } else {
      for (let i: u32 = 0; i < backoff; i++) pause();
    }
    backoff <<= 1;
    if (tokref_try(ref)) break;
  }
  ref.tr_wait = 0;
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

/**
 * Release the most recently acquired token, which must be `tok` (LIFO) or the kernel panics.
 * No critical section, for the reason gettoken_mode's fast path needs none.
 */
export function lwkt_reltoken(tok: LwktToken): void {
  const td: Thread = curthread();
  const n: u32 = td.td_toks_n;
  if (n == 0 || td.td_toks[n - 1].tr_tok != tok) {
    tok_assert(false, "lwkt_reltoken: not the last token acquired");
    return;
  }
  const ref: LwktTokref = td.td_toks[n - 1];
  tokref_release(ref);
  ref.tr_tok = null;
  td.td_toks_n = n - 1;
}

/** Is `tok` held by the current thread? */
export function lwkt_token_is_held(tok: LwktToken): bool {
  const td: Thread = curthread();
  for (let i: u32 = 0; i < td.td_toks_n; i++) {
    if (td.td_toks[i].tr_tok == tok && td.td_toks[i].tr_held != 0) return true;
  }
  return false;
}

// ---- pool tokens ----

/**
 * 1021 pool tokens (DragonFly has 16384). A collision only costs false contention, and what
 * matters is how many pool tokens are held at once: with at most 32 CPUs each holding one or
 * two, one acquisition meets an unrelated holder a few percent of the time. Padded to a cache
 * line, the pool is 64 KiB: about the size of the rest of the kernel's .bss, where 16384
 * would be 1 MiB, several times the whole kernel image.
 * 1021 is the largest prime below 1024: the index is the address's word number modulo it, so
 * objects laid out at any stride that is not a multiple of 4 x 1021 bytes (arrays of structs,
 * pages, slab chunks) take 1021 different tokens in 1021 steps. A power-of-two multiplicative
 * hash leaves half or more of the pool unused for power-of-two strides.
 */
export const TOK_POOL_SIZE: u32 = 1021;

/** One pool token per 64-byte line, so CPUs holding neighbouring tokens do not share a line. */
class LwktPoolToken {
  pt_tok!: Inline<LwktToken>;
  pt_pad!: FixedArray<u8, 44>;
}

let tok_pool: FixedArray<Inline<LwktPoolToken>, 1021> = [];

/** Index of the pool token for the object at `p` (bytes within one word share it). */
export function lwkt_token_pool_index(p: usize): u32 {
  return (p >> 2) % TOK_POOL_SIZE;
}

/** The pool token serializing the object at `p` (always the same one for the same address). */
export function lwkt_token_pool_lookup(p: usize): LwktToken {
  const tok: LwktToken = tok_pool[lwkt_token_pool_index(p)].pt_tok;
  if (tok.t_desc == null) tok.t_desc = "pool"; // every writer stores the same pointer
  return tok;
}

/** Acquire (exclusively) the pool token of the object at `p`; returns it. */
export function lwkt_getpooltoken(p: usize): LwktToken {
  const tok: LwktToken = lwkt_token_pool_lookup(p);
  lwkt_gettoken(tok);
  return tok;
}

/** Release the pool token of the object at `p` (LIFO, as lwkt_reltoken). */
export function lwkt_relpooltoken(p: usize): void {
  lwkt_reltoken(lwkt_token_pool_lookup(p));
}
