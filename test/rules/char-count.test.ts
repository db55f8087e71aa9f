import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/char-count";

runRuleTests("char-count", cases);
