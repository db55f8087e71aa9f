/** `npm run validate:offline [-- manifest.xml | --dist] [--base URL]`: the offline manifest checks of src/dev/validate-manifest.ts. */
import { main } from "../src/dev/validate-manifest";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
