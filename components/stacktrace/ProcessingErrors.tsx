// Why frames of this event stayed minified (source maps): shown above the stack trace, each with its reason, since
// "the upload worked but nothing changed" is what users of other trackers cannot diagnose.
import type { EventProcessingError } from '@/lib/events/contract';
import styles from './stacktrace.module.css';

const MAX_SHOWN = 20;

/** The file a problem is about: the script's URL, or the original source for a missing-content problem. */
function fileOf(e: EventProcessingError): string | undefined {
  const f = e.data.url ?? e.data.source;
  return typeof f === 'string' ? f : undefined;
}

export function ProcessingErrors({ errors }: { errors: EventProcessingError[] }) {
  if (!errors.length) return null;
  return (
    <div className={styles.processingErrors} role="note" data-testid="processing-errors">
      <h4>
        {errors.length === 1 ? 'There was 1 problem' : `There were ${errors.length} problems`} processing this event
      </h4>
      <ul>
        {errors.slice(0, MAX_SHOWN).map((e, i) => (
          <li key={i} data-testid="processing-error" data-type={e.type}>
            <strong>{e.message}</strong>
            {fileOf(e) && (
              <>
                {' '}
                for <code>{fileOf(e)}</code>
              </>
            )}
            {typeof e.data.reason === 'string' && <>: {e.data.reason}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}
