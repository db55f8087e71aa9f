/** `npm run icons`: draws the add-in's icons (src/dev/icons.ts) into assets/. */
import * as path from "path";
import { writeIcons } from "../src/dev/icons";

const dir = path.resolve(__dirname, "..", "assets");
for (const file of writeIcons(dir)) console.log(`wrote ${path.relative(process.cwd(), file)}`);
