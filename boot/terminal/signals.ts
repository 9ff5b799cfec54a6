// Ending a terminal run on SIGTERM, SIGINT or SIGHUP: the first signal stops the machine the
// orderly way (the console leaves raw mode, the gdb stub closes, output is flushed) and the
// command exits with 128 + the signal's number, the status a shell shows for a process a
// signal ended. `timeout`, service managers and CI runners send SIGTERM and expect the
// process gone soon after, so the orderly way has a deadline: if the run has not wound up by
// then (something still holds the event loop), or a second signal comes, the process exits
// at once, after putting the terminal back.

import { closeSync, fstatSync } from "node:fs";
import { constants } from "node:os";

export const EXIT_SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

/** How long the orderly shutdown after a signal may take before the process exits anyway. */
export const SIGNAL_GRACE_MS = 3000;
/** After a signal, how long queued output may wait for a slow reader before it is left behind. */
export const SIGNAL_DRAIN_MS = 500;

/** The exit status for a run ended by `signal`: 128 + its number (SIGTERM 143, SIGINT 130, SIGHUP 129). */
export function signalStatus(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

export interface SignalHandlers {
  /** First signal: end the run the orderly way (Machine.stop()). */
  stop(): void;
  /** Before an immediate exit: put the terminal back (leave raw mode). Must not throw. */
  restoreTerminal(): void;
  /** The one line said on stderr when a signal ends the run. */
  say(text: string): void;
}

export class SignalExit {
  private caught: NodeJS.Signals | undefined;
  private readonly listener = (signal: NodeJS.Signals): void => this.onSignal(signal);
  private installed = false;

  constructor(private readonly h: SignalHandlers) {}

  /** The signal that ended the run, if one did. */
  get signal(): NodeJS.Signals | undefined {
    return this.caught;
  }

  install(): void {
    if (this.installed) return;
    this.installed = true;
    for (const s of EXIT_SIGNALS) process.on(s, this.listener);
  }

  /**
   * Remove the handlers. With none left Node gives a signal its default action again, so a
   * signal after the run has ended (while the event loop drains) still ends the process.
   */
  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    for (const s of EXIT_SIGNALS) process.off(s, this.listener);
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.caught !== undefined) {
      // A second signal: the sender has lost patience with the orderly way.
      this.exitNow(signal, `${signal} again`);
      return;
    }
    this.caught = signal;
    this.h.say(`damselfly: terminating on signal ${constants.signals[signal]} (${signal})\n`);
    this.h.stop();
    // Unreferenced: the deadline itself never keeps the process alive.
    setTimeout(() => this.exitNow(signal, `still shutting down after ${SIGNAL_GRACE_MS} ms`), SIGNAL_GRACE_MS).unref();
  }

  /**
   * After SIGHUP the terminal has usually hung up, and Node 20's own exit path, which resets
   * every terminal it started on, then aborts (an assertion on the failed tcsetattr) instead
   * of exiting. The console has already left raw mode where it still could; let go of the
   * terminal descriptors so that exit path skips them (writes to a terminal are synchronous,
   * so none is left pending on them).
   */
  releaseTerminalAfterHangup(signal = this.caught): void {
    if (signal !== "SIGHUP") return;
    // isatty() fails on a hung-up terminal; a character device is what one still looks like.
    for (const fd of [0, 1, 2]) {
      try {
        if (fstatSync(fd).isCharacterDevice()) closeSync(fd);
      } catch {
        // already closed
      }
    }
  }

  private exitNow(signal: NodeJS.Signals, why: string): never {
    this.h.restoreTerminal();
    this.h.say(`damselfly: ${why}: exiting now\n`);
    this.releaseTerminalAfterHangup(signal);
    process.exit(signalStatus(signal));
  }
}
