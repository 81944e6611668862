// The navigation's count (overdue + today) and the daily desktop notification. The
// count is refreshed when the inbox loads and after each navigation; the notification
// is asked for at unlock and again whenever the date has changed while unlocked. Its
// text is made in Rust from the counts (commands/due.rs): the UI passes only its language.
import { api } from '../../lib/api';
import { todayIso } from '../../lib/format';
import type { Counts } from '../../bindings/Counts';
import type { Lang } from '../../bindings/Lang';

export const badge = $state<{ n: number | null }>({ n: null });

/** Sets the count from an inbox's counts. */
export function setCounts(c: Counts): void {
  badge.n = c.overdue + c.today;
}

/** Fetches the inbox again for its counts; a failure (locked, no profile) hides the badge. */
export async function refreshBadge(): Promise<void> {
  try {
    setCounts((await api.dueInbox()).counts);
  } catch {
    badge.n = null;
  }
}

/** How often the date is looked at while the app is unlocked. */
export const DATE_CHECK_MS = 5 * 60 * 1000;

/** Asks for the notification now and then once each new day; returns the stop. */
export function startDailyNotice(lang: () => Lang, now: () => Date = () => new Date()): () => void {
  let day = todayIso(now());
  const ask = () => void api.dueNotify(lang()).catch(() => undefined);
  ask();
  const timer = setInterval(() => {
    const d = todayIso(now());
    if (d !== day) {
      day = d;
      ask();
      void refreshBadge();
    }
  }, DATE_CHECK_MS);
  return () => clearInterval(timer);
}
