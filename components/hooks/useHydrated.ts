// Whether React has hydrated this page: false in the server render and the first client render, true after.
// Forms read their fields at submit and wait for this before enabling their button, because a password manager or a
// fast typist may fill fields before hydration (no change event follows) and a click before it submits bare HTML.
import { useSyncExternalStore } from 'react';

/** Nothing changes after hydration: the snapshot only tells the server render (false) from the browser (true). */
const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
