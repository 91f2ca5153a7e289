'use client';
// The issue search box: Sentry's token syntax, submitted on Enter. As you type it completes keys (`lev` → `level:`)
// and values (releases, environments, levels, assignees, any tag's values) from the server; the common tokens are
// one click away. Keyboard as in the WAI-ARIA combobox pattern: arrows move, Enter/Tab take, Escape closes.
import { useEffect, useMemo, useRef, useState } from 'react';
import { applySuggestion, rank, staticValues, SUGGESTED_KEYS, wordAt } from '@/lib/issues/searchSuggest';
import { useMembers, useTeams } from '../hooks/useOrganizations';
import { useOrgTagKeys, useOrgTagValues } from '../hooks/useSearchValues';
import styles from './issues.module.css';
import ui from '../ui/ui.module.css';

const TOKENS = [
  'is:unresolved',
  'is:for_review',
  'level:error',
  'assigned:me',
  'release:latest',
  'environment:',
  'user.email:',
];

/** Debounced copy of a value, so typing a value asks the server once per pause, not per keystroke. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function useSuggestions(org: string, project: string, text: string, caret: number, open: boolean): string[] {
  const w = wordAt(text, caret);
  const key = w.key?.toLowerCase() ?? '';
  const fixed = w.key === undefined ? undefined : staticValues(w.key);
  const isAssignee = key === 'assigned' || key === 'assigned_to' || key === 'assignee';
  const typed = useDebounced(w.typed, 150);
  const keys = useOrgTagKeys(org, project, open && w.key === undefined);
  const values = useOrgTagValues(
    org,
    project,
    w.key ?? '',
    typed,
    open && w.key !== undefined && fixed === undefined && !isAssignee,
  );
  const members = useMembers(org);
  const teams = useTeams(org);
  return useMemo(() => {
    if (!open) return [];
    if (w.key === undefined) {
      if (w.typed === '' && text.trim() !== '' && caret < text.length) return [];
      return rank(
        [...SUGGESTED_KEYS, ...(keys.data ?? []).map((k) => k.key).filter((k) => !k.startsWith('user.'))],
        w.typed,
      );
    }
    if (fixed) return rank(fixed, w.typed);
    if (isAssignee) {
      const people = (members.data ?? []).map((m) => m.user?.email ?? m.email).filter((e): e is string => !!e);
      return rank(['me', 'none', ...people, ...(teams.data ?? []).map((t) => `#${t.slug}`)], w.typed);
    }
    const fromServer = (values.data ?? []).map((v) => v.value);
    return rank(
      key === 'release' || key === 'first-release' || key === 'firstrelease' ? ['latest', ...fromServer] : fromServer,
      w.typed,
    );
  }, [open, w.key, w.typed, key, fixed, isAssignee, keys.data, values.data, members.data, teams.data, text, caret]);
}

export function SearchBar({
  org,
  project = '',
  value,
  onSearch,
}: {
  org: string;
  project?: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  const [caret, setCaret] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const [fromUrl, setFromUrl] = useState(value);
  // A new query from the URL replaces what is typed (React's "adjust state when a prop changes", not an effect).
  if (fromUrl !== value) {
    setFromUrl(value);
    setText(value);
  }
  const suggestions = useSuggestions(org, project, text, caret, open);
  const shown = open && suggestions.length > 0;
  /** Text or caret moved: the highlighted suggestion no longer applies. */
  function edit(nextText: string, nextCaret: number) {
    setText(nextText);
    setCaret(nextCaret);
    setActive(-1);
  }

  function take(choice: string) {
    const next = applySuggestion(text, wordAt(text, caret), choice);
    edit(next.text, next.caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }
  function addToken(t: string) {
    const next = (text.trim() + ' ' + t).trim();
    setText(t.endsWith(':') ? next : next + ' ');
    setCaret(next.length + (t.endsWith(':') ? 0 : 1));
    if (!t.endsWith(':')) onSearch(next);
    else input.current?.focus();
  }
  function onKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!shown) return setOpen(true);
      e.preventDefault();
      const n = suggestions.length;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if ((e.key === 'Enter' || e.key === 'Tab') && shown && active >= 0) {
      e.preventDefault();
      take(suggestions[active]);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  }
  const track = (el: HTMLInputElement) => {
    const at = el.selectionStart ?? el.value.length;
    if (at !== caret) edit(el.value, at);
  };

  return (
    <div className={styles.searchBox}>
      <form
        className={styles.search}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setOpen(false);
          onSearch(text.trim());
        }}
      >
        <div className={styles.combo}>
          <input
            ref={input}
            className={ui.input}
            role="combobox"
            aria-label="Search issues"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls="search-suggestions"
            aria-activedescendant={shown && active >= 0 ? `search-suggestion-${active}` : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder="is:unresolved level:error release:1.2.0 user.email:… free text"
            value={text}
            onChange={(e) => {
              edit(e.target.value, e.target.selectionStart ?? e.target.value.length);
              setOpen(true);
            }}
            onKeyDown={onKey}
            onKeyUp={(e) => track(e.currentTarget)}
            onClick={(e) => {
              track(e.currentTarget);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          {shown && (
            <ul id="search-suggestions" role="listbox" aria-label="Suggestions" className={styles.suggestions}>
              {suggestions.map((s, i) => (
                <li
                  key={s}
                  id={`search-suggestion-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`${styles.suggestion} ${i === active ? styles.suggestionActive : ''}`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    take(s);
                  }}
                >
                  {wordAt(text, caret).key === undefined ? `${s}:` : s}
                </li>
              ))}
            </ul>
          )}
        </div>
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
