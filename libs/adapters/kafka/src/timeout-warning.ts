import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4's RequestQueue#scheduleCheckPendingRequests passes `throttledUntil - Date.now()`
 * to setTimeout even when nothing is throttled (throttledUntil is -1), i.e. a large negative
 * delay, and Node ≥ 23 prints a TimeoutNegativeWarning for it on every start
 * (https://github.com/tulios/kafkajs/issues/1751, unreleased upstream). The Docker image installs
 * with --ignore-scripts, so a patch-package postinstall would not apply there: the method is
 * replaced here by the same code with the delay clamped at 0 (Node turned the negative delay
 * into 1 ms anyway, so timing is unchanged).
 */
interface RequestQueueInternals {
  throttledUntil: number;
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const PATCHED = Symbol.for('educube.kafkajs.nonNegativeThrottleCheck');
// kafkajs's own value (CHECK_PENDING_REQUESTS_INTERVAL), not exported
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

export function avoidNegativeTimeouts(): void {
  // the very module instance kafkajs itself loads (the package has no "exports" map)
  const RequestQueue = createRequire(__filename)('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals & { [PATCHED]?: true } };
  const proto = RequestQueue.prototype;
  if (proto[PATCHED]) return;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueInternals): void {
    let scheduleAt = this.throttledUntil - Date.now();
    if (!this.throttleCheckTimeoutId) {
      if (this.pending.length > 0) scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL;
      this.throttleCheckTimeoutId = setTimeout(
        () => {
          this.throttleCheckTimeoutId = null;
          this.checkPendingRequests();
        },
        Math.max(0, scheduleAt),
      );
    }
  };
  proto[PATCHED] = true;
}
