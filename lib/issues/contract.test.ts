// Proves the /api/0 issue contract is one chain: the serializer must return lib/issues/contract.ts's Issue, and the
// issue list row reads that same type. Renaming a field on either side must fail the typecheck where it is read.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const SERIALIZER = path.join(root, 'lib/issues/serialize.ts');
const CONTRACT = path.join(root, 'lib/issues/contract.ts');
const PAGE = path.join(root, 'components/issues/IssueRow.tsx');

let base: ts.Program | undefined;

/**
 * Type errors of the serializer, the contract and the page, with one file's text replaced (nothing is written to disk).
 */
function typeErrors(edit?: { file: string; from: string; to: string }): { file: string; text: string }[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    { incremental: false },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => {
    const text = read(f);
    if (!edit || path.resolve(f) !== edit.file || text === undefined) return text;
    if (!text.includes(edit.from)) throw new Error(`${edit.from} not found in ${edit.file}`);
    return text.replace(edit.from, edit.to);
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError) => {
    if (!edit || path.resolve(f) !== edit.file) return getSourceFile(f, lang, onError);
    return ts.createSourceFile(f, host.readFile(f)!, lang);
  };
  const program = ts.createProgram({ rootNames: [SERIALIZER, PAGE], options: parsed.options, host, oldProgram: base });
  if (!edit) base = program;
  // Only the three files of the chain are checked: checking the whole program takes far longer and proves nothing more.
  const files = [SERIALIZER, CONTRACT, PAGE].map((f) => program.getSourceFile(f)!);
  const diagnostics = files.flatMap((f) => [
    ...program.getSyntacticDiagnostics(f),
    ...program.getSemanticDiagnostics(f),
  ]);
  return diagnostics.map((d) => ({
    file: d.file ? path.relative(root, d.file.fileName) : '',
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

// A type checker run, not a unit of logic: give it time on a shared machine.
describe('the issue contract', { timeout: 120_000 }, () => {
  it('typechecks as it stands', () => {
    expect(typeErrors()).toEqual([]);
  });

  it('fails in the serializer when it renames a field of the contract', () => {
    const errors = typeErrors({
      file: SERIALIZER,
      from: '    lastSeen: issue.lastSeen.toISOString(),',
      to: '    lastSeenAt: issue.lastSeen.toISOString(),',
    });
    expect(errors.some((e) => e.file === 'lib/issues/serialize.ts' && /lastSeenAt/.test(e.text))).toBe(true);
  });

  it('fails in the page that reads the field when the contract renames it', () => {
    const errors = typeErrors({ file: CONTRACT, from: '  lastSeen: string;', to: '  lastSeenAt: string;' });
    expect(errors.some((e) => e.file === 'components/issues/IssueRow.tsx' && /lastSeen/.test(e.text))).toBe(true);
  });
});
