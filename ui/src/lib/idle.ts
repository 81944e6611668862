// The UI side of auto-lock: user input resets the clock (and tells the core, at most
// every 30 s); after `minutes` without input the UI asks the core to lock.

const TOUCH_EVERY_MS = 30_000;
const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface IdleWatch {
  stop(): void;
}

export function watchIdle(
  minutes: number,
  onIdle: () => void,
  onActivity: () => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = Date.now,
): IdleWatch {
  let last = now();
  let lastTouch = 0;
  const activity = () => {
    last = now();
    if (last - lastTouch >= TOUCH_EVERY_MS) {
      lastTouch = last;
      onActivity();
    }
  };
  for (const ev of EVENTS) target.addEventListener(ev, activity, { passive: true });
  const timer = setInterval(() => {
    if (now() - last >= minutes * 60_000) {
      stop();
      onIdle();
    }
  }, 1000);
  function stop() {
    clearInterval(timer);
    for (const ev of EVENTS) target.removeEventListener(ev, activity);
  }
  return { stop };
}
