import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/nothing-entered";

runRuleTests("nothing-entered", cases);
