import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/number-format";

runRuleTests("number-format", cases);
