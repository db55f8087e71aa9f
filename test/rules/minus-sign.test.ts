import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/minus-sign";

runRuleTests("minus-sign", cases);
