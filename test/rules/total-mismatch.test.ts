import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./total-mismatch.cases";

runRuleTests("total-mismatch", cases);
