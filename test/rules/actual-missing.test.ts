import { runRuleTests } from "../helpers/rule-tester";
import { cases } from "./actual-missing.cases";

runRuleTests("actual-missing", cases);
