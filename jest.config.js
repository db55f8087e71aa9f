/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type checking runs once in `npm run typecheck`; the transform only transpiles.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
};
