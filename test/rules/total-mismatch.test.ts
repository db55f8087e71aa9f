import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "../../src/fixtures/rule-cases/total-mismatch";

runRuleTests("total-mismatch", cases);
