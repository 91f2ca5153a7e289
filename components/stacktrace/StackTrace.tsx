'use client';
// Exceptions with their stack traces: newest frame first, in-app frames highlighted, runs of system frames
// folded behind a control, chained exceptions labelled as causes. Caps what it renders for huge events.
import { useState } from 'react';
import { Truncated } from '../ui/Truncated';
import { Frame } from './Frame';
import type { ViewException, ViewFrame } from './frames';
import styles from './stacktrace.module.css';

const MAX_FRAMES = 250;

function Frames({ frames }: { frames: ViewFrame[] }) {
  const [showSystem, setShowSystem] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const anyInApp = frames.some((f) => f.inApp);
  const firstInApp = frames.findIndex((f) => f.inApp);
  const limited = showAll ? frames : frames.slice(0, MAX_FRAMES);
  const out: React.ReactNode[] = [];
  let run: number[] = [];
  const flush = () => {
    if (!run.length) return;
    const count = run.length;
    const first = run[0];
    out.push(
      <button key={`sys-${first}`} type="button" className={styles.collapsed} onClick={() => setShowSystem(true)}>
        Show {count} system frame{count === 1 ? '' : 's'}
      </button>,
    );
    run = [];
  };
  limited.forEach((f, i) => {
    // With in-app frames present, library frames fold away until asked for (the crashing frame always shows).
    if (anyInApp && !f.inApp && !showSystem && i !== 0) {
      run.push(i);
      return;
    }
    flush();
    out.push(<Frame key={i} frame={f} initiallyOpen={anyInApp ? i === firstInApp : i === 0} />);
  });
  flush();
  return (
    <>
      {anyInApp && frames.some((f) => !f.inApp) && (
        <label style={{ fontSize: 12.5, display: 'inline-flex', gap: 6, marginBottom: 6 }}>
          <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} /> Show system
          frames
        </label>
      )}
      <div className={styles.frames}>{out}</div>
      {frames.length > limited.length && (
        <button type="button" className={styles.collapsed} onClick={() => setShowAll(true)}>
          Show {frames.length - limited.length} more frames
        </button>
      )}
    </>
  );
}

/** Original frames by default; where a source map rewrote them, a toggle shows the stack as it was sent. */
function ExceptionFrames({ exception }: { exception: ViewException }) {
  const [minified, setMinified] = useState(false);
  if (!exception.rawFrames) return <Frames frames={exception.frames} />;
  return (
    <>
      <div className={styles.toggle} role="group" aria-label="Stack trace version">
        <button type="button" aria-pressed={!minified} onClick={() => setMinified(false)}>
          Original
        </button>
        <button type="button" aria-pressed={minified} onClick={() => setMinified(true)}>
          Minified
        </button>
      </div>
      <Frames key={String(minified)} frames={minified ? exception.rawFrames : exception.frames} />
    </>
  );
}

export function StackTrace({ exceptions }: { exceptions: ViewException[] }) {
  // The last value is the one raised; earlier values are its causes. Show the raised one first.
  const ordered = [...exceptions].reverse().slice(0, 20);
  return (
    <div data-testid="stacktrace">
      {ordered.map((e, i) => (
        <div key={i} className={styles.exception}>
          {i > 0 && <div className={styles.caused}>Caused by</div>}
          <h3 className={styles.excHead}>
            {e.type ?? 'Error'}
            {e.mechanism && e.mechanism.handled === false && (
              <span style={{ fontSize: 11.5, color: 'var(--danger)', marginLeft: 8 }}>unhandled</span>
            )}
            {e.mechanism?.type && (
              <span style={{ fontSize: 11.5, color: 'var(--muted)', marginLeft: 8 }}>
                mechanism: {e.mechanism.type}
              </span>
            )}
          </h3>
          {e.value && (
            <p className={styles.excValue}>
              <Truncated text={e.value} limit={600} />
            </p>
          )}
          {e.frames.length > 0 ? (
            <ExceptionFrames exception={e} />
          ) : (
            <p style={{ color: 'var(--muted)', margin: 0 }}>No stack trace was sent.</p>
          )}
        </div>
      ))}
    </div>
  );
}
