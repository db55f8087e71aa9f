import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/plan-value-changed";

runRuleTests("plan-value-changed", cases);
