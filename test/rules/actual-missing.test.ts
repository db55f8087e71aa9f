import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/actual-missing";

runRuleTests("actual-missing", cases);
