// `npm run lint`: typescript-eslint's recommended rules plus the layer boundaries DESIGN.md §2 states.
// The type-aware set (recommendedTypeChecked) is left out: it took 81 s on this 2-core machine against 41 s
// for the whole lint without it, and `npm test` runs lint on every call.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import runlens from './scripts/eslint-source-families.mjs';

// Each restriction is a regex over the import string, applied to static imports and re-exports
// (no-restricted-imports) and to `import('…')` expressions and types (no-restricted-syntax, which
// no-restricted-imports does not look at). `\x2F` is '/', which an esquery regex cannot hold literally.
const noVscode = { regex: '^vscode$', message: "src/core and webview/ never import 'vscode' (DESIGN.md §2): only src/host does." };
// src/core has no folder or module named `host`, so any import through one reaches src/host.
const noHost = { regex: '(^|\\x2F)host(\\x2F|$)', message: 'src/core never imports src/host: the host depends on the core, not back.' };
const noNodeBuiltins = {
  regex: `^(node:|(${builtinModules.map((name) => name.replaceAll('/', '\\x2F')).join('|')})$)`,
  message: 'webview/ is browser code: no Node builtins.',
};

function forbidImports(...restrictions) {
  return {
    'no-restricted-imports': ['error', { patterns: restrictions.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': [
      'error',
      ...restrictions.flatMap(({ regex, message }) => [
        { selector: `ImportExpression[source.value=/${regex}/]`, message },
        { selector: `TSImportType[argument.literal.value=/${regex}/]`, message },
      ]),
    ],
  };
}

export default defineConfig(
  { ignores: ['dist/', 'out/', 'node_modules/', '.tools/', 'demo/', 'test-artifacts/', 'bench/.work/'] },
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not use, and
      // `{ dropped: _x, ...rest }` omits a property; both are deliberate, every other unused name is reported.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  { files: ['src/core/**'], rules: forbidImports(noVscode, noHost) },
  {
    files: ['src/core/sources/**'],
    plugins: { runlens },
    rules: { 'runlens/source-families': 'error' },
  },
  { files: ['webview/**'], rules: forbidImports(noVscode, noNodeBuiltins) },
);
