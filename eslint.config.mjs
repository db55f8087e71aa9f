// ESLint 9 flat config for `npm run lint` (= `office-addin-lint check`).
//
// office-addin-lint runs `eslint -c <project>/eslint.config.mjs "src/**/*.{ts,tsx,js,jsx}"` when this
// file exists (it looks for exactly this name, not eslint.config.js), otherwise its own bundled config.
// Prettier runs inside ESLint (rule prettier/prettier, options from .prettierrc.json).
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

// eslint-plugin-office-addins bundles its own, older copy of @typescript-eslint. Two different plugin
// objects under one name are an error in flat config, so its recommended config is rewired to the
// project's typescript-eslint (one plugin, one parser).
const officeRecommended = officeAddins.configs.recommended.map((config) =>
  config.plugins?.["@typescript-eslint"]
    ? {
        ...config,
        plugins: { ...config.plugins, "@typescript-eslint": tseslint.plugin },
        languageOptions: { ...config.languageOptions, parser: tseslint.parser, ecmaVersion: "latest" },
      }
    : config,
);

// typescript-eslint's recommended rules, without its own plugin/parser registration (done above).
const tsRecommendedRules = Object.assign({}, ...tseslint.configs.recommended.map((config) => config.rules ?? {}));

export default [
  { ignores: ["dist/**", "lib/**", "node_modules/**", "samples/**", "coverage/**", "out/**", "test-output/**"] },
  ...officeRecommended,
  {
    // src/** is what `npm run lint` checks; scripts/ and test/ follow the same rules when linted directly.
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      ...tsRecommendedRules,
      // TypeScript already reports undefined names (and knows Office, Excel, DOM and Node globals).
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The build and script files at the top level are CommonJS / Node.
    files: ["*.js", "*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        exports: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
        URL: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
