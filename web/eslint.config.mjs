/* The page's lint: ESLint's recommended rules, the browser's globals for the page's modules, none at all for its pure ones. */
import js from '@eslint/js';
import globals from 'globals';

/** The modules that compute without the browser (what test/ imports): no DOM, no window, no network. */
const PURE = ['src/js/states.mjs', 'src/js/format.mjs', 'src/js/model/**/*.mjs'];

export default [
  { ignores: ['target/', 'node_modules/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      eqeqeq: 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      'no-shadow': 'error',
      'no-implicit-globals': 'error'
    }
  },
  { files: ['src/js/**/*.mjs'], ignores: PURE, languageOptions: { globals: globals.browser } },
  { files: ['test/**/*.mjs', '*.mjs'], languageOptions: { globals: globals.node } }
];
