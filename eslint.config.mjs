// Lint: typescript-eslint's recommended rules, a few of our own, and the layers.
// Formatting is Prettier's (npm run format); nothing here is about layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers: proto -> shared -> agent | ctl; aixsim stands alone; launch/ is where the
 * agent meets the emulator (the demo default off AIX). Each folder lists the top-level
 * folders it must not reach, by import, `import type`, `typeof import()` or require().
 */
const LAYERS = {
  shared: ['agent', 'ctl', 'aixsim', 'launch', 'test'],
  agent: ['ctl', 'aixsim', 'launch', 'test'],
  ctl: ['agent', 'aixsim', 'launch', 'test'],
  aixsim: ['agent', 'ctl', 'shared', 'launch', 'test'],
  launch: ['ctl', 'test'],
};

/** A relative specifier that climbs out of its folder into one of `folders`. */
function crossing(folders) {
  return `^(\\.\\./)+(${folders.join('|')})(/|$)`;
}

function layerRules(folder, forbidden) {
  const regex = crossing(forbidden);
  // esquery ends a regex at the first slash, so selectors spell it \x2F
  const selectorRegex = regex.replaceAll('/', '\\x2F');
  const message = `${folder}/ must not depend on ${forbidden.join(', ')} (see ARCHITECTURE.md, "Layers")`;
  return {
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
      'no-restricted-syntax': [
        'error',
        { selector: `CallExpression[callee.name='require'] > Literal[value=/${selectorRegex}/]`, message },
        { selector: `TSImportType Literal[value=/${selectorRegex}/]`, message },
        { selector: `ImportExpression > Literal[value=/${selectorRegex}/]`, message },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'shared/generated/**', '.bench/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-shadow': 'off',
      '@typescript-eslint/no-shadow': [
        'error',
        { ignoreTypeValueShadow: true, ignoreFunctionTypeParameterNameValueShadow: true },
      ],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // A lazy require of one of our own modules, loaded only on the path that needs it (an
      // aixsim command's process, the emulator off AIX), is allowed; its type is typeof import().
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^\\.\\.?/'] }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // a let that a closure reads before its one assignment cannot be a const
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  ...Object.entries(LAYERS).map(([folder, forbidden]) => layerRules(folder, forbidden)),
  {
    // plain JavaScript run by node: scripts and this file
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
