import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/previous-value-changed";

runRuleTests("previous-value-changed", cases);
