'use client';
// The issue search box: Sentry's token syntax, submitted on Enter; the common tokens are one click away.
import { useState } from 'react';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

const TOKENS = [
  'is:unresolved',
  'is:resolved',
  'is:ignored',
  'level:error',
  'level:warning',
  'assigned:me',
  'release:',
  'environment:',
  'user.email:',
];

export function SearchBar({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // A new query from the URL replaces what is typed (React's "adjust state when a prop changes", not an effect).
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  function addToken(t: string) {
    const next = (text.trim() + ' ' + t).trim();
    setText(t.endsWith(':') ? next : next + ' ');
    if (!t.endsWith(':')) onSearch(next);
  }
  return (
    <div className={styles.searchBox}>
      <form
        className={styles.search}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(text.trim());
        }}
      >
        <input
          className={ui.input}
          aria-label="Search issues"
          placeholder="is:unresolved level:error release:1.2.0 browser:Chrome free text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className={ui.button}>
          Search
        </button>
      </form>
      <div className={styles.tokens} aria-label="Search tokens">
        {TOKENS.map((t) => (
          <button key={t} type="button" className={styles.token} onClick={() => addToken(t)}>
            {t}
          </button>
        ))}
      </div>
    </div>
  );
}
